import random
import time
from decimal import Decimal


class StaticProvider:
    """Stands in for the central bank feed: a full download takes a while."""

    def __init__(self, rates: dict[str, str], latency=(0.04, 0.08)):
        self._rates = {k: Decimal(v) for k, v in rates.items()}
        self.latency = latency
        self.downloads = 0

    def set_rate(self, currency: str, value: str) -> None:
        self._rates[currency] = Decimal(value)

    def fetch_all(self) -> dict[str, Decimal]:
        self.downloads += 1
        time.sleep(random.uniform(*self.latency))
        return dict(self._rates)
