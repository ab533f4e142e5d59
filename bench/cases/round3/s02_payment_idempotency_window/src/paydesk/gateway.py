"""In-process stand-in for the card acquirer's HTTP API."""
import itertools
import threading


class GatewayTimeout(Exception):
    """The request may or may not have been processed."""


class CardDeclined(Exception):
    pass


class FakeGateway:
    def __init__(self):
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.charges = []
        self._by_key = {}
        self._drop_responses = 0
        self.declined_cards = set()

    def drop_next_responses(self, n):
        """Process the next n requests but lose their responses."""
        self._drop_responses = n

    def charge(self, card, amount_cents, key):
        with self._lock:
            if card in self.declined_cards:
                raise CardDeclined(card)
            if key in self._by_key:
                result = self._by_key[key]
            else:
                result = {"id": "ch_%04d" % next(self._ids), "amount": amount_cents, "card": card}
                self._by_key[key] = result
                self.charges.append(result)
            if self._drop_responses:
                self._drop_responses -= 1
                raise GatewayTimeout("read timed out")
            return dict(result)

    def total_charged(self, card):
        return sum(c["amount"] for c in self.charges if c["card"] == card)
