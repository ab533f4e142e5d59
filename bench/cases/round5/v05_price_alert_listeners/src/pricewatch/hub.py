import threading
from dataclasses import dataclass, field


@dataclass
class Subscription:
    user: str
    sku: str
    threshold: float
    callback: object = field(repr=False)

    def wants(self, update):
        return update.sku == self.sku and update.price <= self.threshold


@dataclass(frozen=True)
class PriceUpdate:
    sku: str
    price: float
    currency: str = "EUR"


class AlertHub:
    """Fans price updates out to subscriptions.

    Callbacks may be slow (they talk to the push gateway), so publish() does not
    hold the registration lock while calling them.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._subs = []
        self.delivered = 0

    def subscribe(self, user, sku, threshold, callback):
        sub = Subscription(user, sku, threshold, callback)
        with self._lock:
            self._subs.append(sub)
        return sub

    def unsubscribe(self, sub):
        with self._lock:
            if sub in self._subs:
                self._subs.remove(sub)

    def unsubscribe_user(self, user):
        with self._lock:
            for sub in [s for s in self._subs if s.user == user]:
                self._subs.remove(sub)

    def subscriptions(self, user=None):
        with self._lock:
            return [s for s in self._subs if user is None or s.user == user]

    def publish(self, update):
        notified = []
        for sub in self._subs:
            if sub.wants(update):
                sub.callback(sub, update)
                notified.append(sub.user)
        self.delivered += len(notified)
        return notified
