import time


class GatewayTimeout(Exception):
    pass


class CheckoutClient:
    """Storefront side of the checkout: submits charges and retries on timeouts."""

    retry_delay = 0.4
    max_attempts = 3

    def __init__(self, gateway, transport=None):
        self.gateway = gateway
        self.transport = transport or (lambda call: call())
        self.attempts = 0

    def pay(self, order_id, card, amount, currency="EUR"):
        payload = {"order": order_id, "card": card,
                   "amount": amount, "currency": currency}
        last_error = None
        for attempt in range(self.max_attempts):
            self.attempts += 1
            try:
                return self.transport(lambda: self.gateway.charge(payload))
            except GatewayTimeout as exc:
                last_error = exc
                time.sleep(self.retry_delay * (attempt + 1))
        raise last_error
