import random


class Backoff:
    """Exponential backoff with full jitter; the RNG is injectable."""

    def __init__(self, base: float = 0.01, cap: float = 1.0, rng: random.Random | None = None):
        self.base = base
        self.cap = cap
        self.rng = rng or random.Random()

    def delay(self, attempt: int) -> float:
        ceiling = min(self.cap, self.base * (2 ** attempt))
        return self.rng.uniform(0, ceiling)

    def schedule(self, attempts: int) -> list[float]:
        return [self.delay(i) for i in range(attempts)]
