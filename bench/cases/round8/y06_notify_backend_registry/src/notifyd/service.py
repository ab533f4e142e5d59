from .backends import registry
from .messages import render


class NotificationService:
    def __init__(self, sender="noreply@parcelpoint.example"):
        self.sender = sender

    def send(self, template, to, backend=None, **ctx):
        msg = render(template, to, **ctx)
        msg.headers["From"] = self.sender
        b = registry().get(backend)
        receipt = b.deliver(msg)
        return {"backend": b.name, "receipt": receipt, "to": to}
