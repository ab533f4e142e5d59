import random

from .stats import summarize


class LatencySimulator:
    """Monte Carlo estimate of response times for a ServiceModel."""

    def __init__(self, model, samples=400, rng=None):
        self.model = model
        self.samples = samples
        self._rng = rng or random.Random()

    def _draw_response(self):
        return self._rng.expovariate(1.0 / self.model.mean_response_ms())

    def run(self):
        if not self.model.stable():
            raise ValueError(f"{self.model.name}: utilisation {self.model.utilisation:.2f} >= 1")
        return summarize([self._draw_response() for _ in range(self.samples)])


def headroom(model, target_p95_ms, estimate=None):
    est = estimate if estimate is not None else LatencySimulator(model).run()["p95"]
    return round(1.0 - est / target_p95_ms, 3)
