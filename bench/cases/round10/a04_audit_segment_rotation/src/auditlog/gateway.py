import time


class Declined(Exception):
    pass


class PaymentGateway:
    def __init__(self, trail, processor_latency=0.002, blocked_cards=()):
        self.trail = trail
        self.processor_latency = processor_latency
        self.blocked = set(blocked_cards)

    def charge(self, order_id, card, amount_cents):
        self.trail.record("charge.requested", order=order_id, amount=amount_cents)
        time.sleep(self.processor_latency)
        if card in self.blocked or amount_cents <= 0:
            self.trail.record("charge.declined", order=order_id)
            raise Declined(order_id)
        self.trail.record("charge.captured", order=order_id, amount=amount_cents)
        return f"ch_{order_id}"
