import random
import threading
import time


class PushGateway:
    """Stand-in for the mobile push gateway: records messages, with latency."""

    def __init__(self, latency=(0.0, 0.0)):
        self.latency = latency
        self.messages = []
        self._lock = threading.Lock()

    def send(self, user, text):
        time.sleep(random.uniform(*self.latency))
        with self._lock:
            self.messages.append((user, text))

    def inbox(self, user):
        with self._lock:
            return [text for u, text in self.messages if u == user]


def price_drop_notifier(gateway):
    def notify(sub, update):
        gateway.send(sub.user, f"{update.sku} is now {update.price:.2f} {update.currency}")
    return notify
