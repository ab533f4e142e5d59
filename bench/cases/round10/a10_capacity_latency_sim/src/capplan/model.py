import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceModel:
    """Single-server service with exponential service times (M/M/1)."""

    name: str
    service_ms: float
    arrivals_per_s: float

    @property
    def utilisation(self):
        return self.arrivals_per_s * self.service_ms / 1000.0

    def stable(self):
        return self.utilisation < 1.0

    def mean_response_ms(self):
        if not self.stable():
            return math.inf
        return self.service_ms / (1.0 - self.utilisation)

    def response_percentile_ms(self, q):
        """Sojourn time of M/M/1 is exponential with the mean response time."""
        return -math.log(1.0 - q / 100.0) * self.mean_response_ms()
