import random

from . import settings


class Backoff:
    def __init__(self, base=None, cap=None, jitter=None, rng=random):
        self.base = settings.RECONNECT_BASE if base is None else base
        self.cap = settings.RECONNECT_CAP if cap is None else cap
        self.jitter = settings.RECONNECT_JITTER if jitter is None else jitter
        self._rng = rng

    def raw(self, attempt):
        return min(self.cap, self.base * (2 ** attempt))

    def delay(self, attempt):
        delay = self.raw(attempt)
        if self.jitter:
            delay *= self._rng.uniform(1 - self.jitter, 1 + self.jitter)
        return delay

    def plan(self, attempts):
        return [self.delay(n) for n in range(attempts)]
