"""Per-request context so deep layers (audit, metrics) know who is acting."""


class RequestContext:
    def __init__(self):
        self.user = None
        self.request_id = None

    def bind(self, user, request_id):
        self.user = user
        self.request_id = request_id

    def clear(self):
        self.user = None
        self.request_id = None


current = RequestContext()
