import random
import time
from dataclasses import dataclass


@dataclass
class CreditDecision:
    customer: str
    approved: bool
    limit: float


class SandboxBureau:
    """Credit bureau sandbox: answers like the real API, with its latency."""

    def __init__(self, limits=None, latency=(0.005, 0.07)):
        self.limits = dict(limits or {})
        self.latency = latency
        self.calls = 0

    def check(self, customer, amount, default_limit):
        self.calls += 1
        time.sleep(random.uniform(*self.latency))
        limit = self.limits.get(customer, default_limit)
        return CreditDecision(customer, amount <= limit, limit)
