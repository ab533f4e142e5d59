import random
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    ts: float
    actor: str
    verb: str
    target: str


class ActivityFeed:
    """Reads activity from the event store; `latency` models the store query."""

    def __init__(self, activities, latency=(0.0, 0.0)):
        self._activities = sorted(activities, key=lambda a: a.ts)
        self.latency = latency

    def between(self, start, end):
        time.sleep(random.uniform(*self.latency))
        return [a for a in self._activities if start <= a.ts < end]

    def all(self):
        return list(self._activities)
