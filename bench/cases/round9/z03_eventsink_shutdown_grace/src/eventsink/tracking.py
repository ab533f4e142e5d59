import time
import uuid


class Tracker:
    """Front-end facing API: turns page actions into warehouse events."""

    def __init__(self, writer, app="storefront"):
        self.writer = writer
        self.app = app

    def track(self, user_id, action, **props):
        event = {
            "id": uuid.uuid4().hex,
            "app": self.app,
            "user": user_id,
            "action": action,
            "ts": time.time(),
            "props": props,
        }
        self.writer.write(event)
        return event["id"]

    def page_view(self, user_id, path):
        return self.track(user_id, "page_view", path=path)

    def purchase(self, user_id, order_id, cents):
        if cents <= 0:
            raise ValueError("purchase amount must be positive")
        return self.track(user_id, "purchase", order=order_id, cents=cents)
