import itertools
import threading

from .idempotency import ResultStore, idempotent
from .money import parse_amount


class ChargeDeclined(Exception):
    pass


class Gateway:
    """In-process acquirer: books charges and refunds per card token."""

    def __init__(self, declined_cards=()):
        self.results = ResultStore()
        self.charges = []
        self._declined = set(declined_cards)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    @idempotent
    def charge(self, payload):
        amount = parse_amount(payload["amount"], payload["currency"])
        if payload["card"] in self._declined:
            return {"status": "declined", "charge_id": None}
        with self._lock:
            charge_id = "ch_%05d" % next(self._ids)
            self.charges.append({"id": charge_id, "card": payload["card"],
                                 "amount": amount, "order": payload.get("order")})
        return {"status": "succeeded", "charge_id": charge_id}

    def refund(self, charge_id):
        with self._lock:
            for entry in self.charges:
                if entry["id"] == charge_id:
                    if entry.get("refunded"):
                        raise ChargeDeclined("already refunded")
                    entry["refunded"] = True
                    return entry["amount"]
        raise KeyError(charge_id)

    def captured_total(self, currency):
        total = parse_amount("0", currency)
        for entry in self.charges:
            if not entry.get("refunded") and entry["amount"].currency == currency:
                total = total + entry["amount"]
        return total
