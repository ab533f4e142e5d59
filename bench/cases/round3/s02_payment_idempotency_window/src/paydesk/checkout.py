import time

from .gateway import CardDeclined, GatewayTimeout
from .keys import idempotency_key


class PaymentFailed(Exception):
    pass


class Checkout:
    RETRIES = 3
    BACKOFF = 0.3

    def __init__(self, gateway, sleep=time.sleep):
        self._gateway = gateway
        self._sleep = sleep
        self.attempts = []

    def total(self, cart):
        return sum(line["qty"] * line["unit_cents"] for line in cart["lines"])

    def pay(self, customer_id, cart, card):
        amount = self.total(cart)
        if amount <= 0:
            raise PaymentFailed("empty cart")
        last_error = None
        for attempt in range(self.RETRIES):
            key = idempotency_key(customer_id, cart["id"], amount)
            self.attempts.append(key)
            try:
                return self._gateway.charge(card, amount, key)
            except CardDeclined as exc:
                raise PaymentFailed("declined") from exc
            except GatewayTimeout as exc:
                last_error = exc
                self._sleep(self.BACKOFF * (attempt + 1))
        raise PaymentFailed("gateway unavailable") from last_error
