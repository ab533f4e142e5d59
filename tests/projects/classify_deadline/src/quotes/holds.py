import itertools
import time

from . import settings


class Holds:
    """Quotes held until they are booked or the hold lapses."""

    def __init__(self, hold_for=settings.HOLD_SECONDS, clock=time.monotonic):
        self.hold_for = hold_for
        self._clock = clock
        self._ids = itertools.count(1)
        self._held = {}

    def hold(self, quote):
        key = "Q%04d" % next(self._ids)
        self._held[key] = (self._clock() + self.hold_for, quote)
        return key

    def take(self, key):
        expires, quote = self._held.pop(key)
        if self._clock() > expires:
            return None
        return quote
