import random


class RatioSampler:
    """Head-based sampling: decide once per trace, at the root span."""

    def __init__(self, ratio, rng=None):
        if not 0.0 <= ratio <= 1.0:
            raise ValueError("ratio must be within [0, 1]")
        self.ratio = ratio
        self._rng = rng or random.Random()

    def should_sample(self, trace_id):
        if self.ratio >= 1.0:
            return True
        if self.ratio <= 0.0:
            return False
        return self._rng.random() < self.ratio
