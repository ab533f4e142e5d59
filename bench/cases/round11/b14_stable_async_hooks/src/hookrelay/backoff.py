import random


class Backoff:
    """Exponential backoff with 'equal jitter' from an explicit RNG."""

    def __init__(self, base=0.002, cap=0.02, rng=None, seed=None):
        self.base = base
        self.cap = cap
        self.rng = rng or random.Random(seed)

    def delay(self, attempt):
        ceiling = min(self.cap, self.base * (2 ** attempt))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def schedule(self, attempts):
        return [self.delay(a) for a in range(attempts)]
