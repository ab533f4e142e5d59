import random


def audit_sample(readings, fraction, rng=None):
    """Pick readings for manual audit; at least one when there is anything to pick."""
    rng = rng or random.Random()
    if not readings:
        return []
    k = max(1, round(len(readings) * fraction))
    return rng.sample(list(readings), k)


def jittered_interval(base, spread=0.2, rng=None):
    rng = rng or random.Random()
    return base * (1 + rng.uniform(-spread, spread))
