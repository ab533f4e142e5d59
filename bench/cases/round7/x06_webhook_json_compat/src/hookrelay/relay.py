from collections import deque
from dataclasses import dataclass

from .payload import encode, sign


@dataclass
class Delivery:
    url: str
    event: str
    body: bytes
    headers: dict


class Relay:
    def __init__(self, subscriptions, secret, extra_headers=None):
        self.subscriptions = subscriptions
        self.secret = secret
        self.extra_headers = dict(extra_headers or {})
        self.outbox = deque()

    def publish(self, event, payload):
        body = encode({"event": event, "data": payload})
        headers = {"Content-Type": "application/json", "X-Signature": sign(body, self.secret)}
        headers.update(self.extra_headers)
        queued = 0
        for url, events in self.subscriptions.items():
            if event in events or "*" in events:
                self.outbox.append(Delivery(url, event, body, headers))
                queued += 1
        return queued

    def drain(self):
        items = list(self.outbox)
        self.outbox.clear()
        return items
