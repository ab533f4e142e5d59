import random


class IdGenerator:
    """Trace and span identifiers (W3C trace-context sizes: 128 and 64 bit)."""

    def __init__(self, rng=None):
        self._rng = rng or random.Random()

    def trace_id(self):
        value = 0
        while value == 0:
            value = self._rng.getrandbits(128)
        return "%032x" % value

    def span_id(self):
        value = 0
        while value == 0:
            value = self._rng.getrandbits(64)
        return "%x" % value
