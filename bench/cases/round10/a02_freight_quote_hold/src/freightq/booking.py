from dataclasses import dataclass

from . import settings
from .holds import HoldTable


class QuoteExpired(Exception):
    pass


class CreditRefused(Exception):
    pass


@dataclass
class Booking:
    reference: str
    customer: str
    quote: object


class BookingDesk:
    def __init__(self, engine, bureau, holds=None):
        self.engine = engine
        self.bureau = bureau
        self.holds = holds or HoldTable()
        self.bookings = []

    def quote(self, origin, destination, weight_kg):
        q = self.engine.price(origin, destination, weight_kg)
        return self.holds.hold(q), q

    def _vet(self, customer, amount):
        decision = self.bureau.check(customer, amount, settings.CREDIT_LIMIT_DEFAULT)
        if not decision.approved:
            raise CreditRefused(f"{customer}: {amount:.2f} over limit {decision.limit:.2f}")

    def book(self, customer, quote_id, amount_hint):
        self._vet(customer, amount_hint)
        quote = self.holds.take(quote_id)
        if quote is None:
            raise QuoteExpired(quote_id)
        ref = f"BK-{len(self.bookings) + 1:04d}"
        self.bookings.append(Booking(ref, customer, quote))
        return ref
