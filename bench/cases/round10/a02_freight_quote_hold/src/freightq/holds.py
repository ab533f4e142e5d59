import itertools
import threading
import time

from . import settings


class HoldTable:
    """Quotes held for a customer until they are booked or the hold lapses."""

    def __init__(self, hold_for=settings.QUOTE_HOLD_SECONDS, clock=time.monotonic):
        self.hold_for = hold_for
        self._clock = clock
        self._ids = itertools.count(1)
        self._held = {}
        self._lock = threading.Lock()

    def hold(self, quote):
        with self._lock:
            quote_id = f"Q{next(self._ids):05d}"
            self._held[quote_id] = (self._clock() + self.hold_for, quote)
            return quote_id

    def take(self, quote_id):
        with self._lock:
            entry = self._held.pop(quote_id, None)
        if entry is None:
            return None
        expires, quote = entry
        if self._clock() > expires:
            return None
        return quote

    def purge(self):
        now = self._clock()
        with self._lock:
            stale = [k for k, (exp, _) in self._held.items() if exp < now]
            for k in stale:
                del self._held[k]
        return len(stale)
