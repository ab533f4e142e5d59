"""Thread-safe per-sensor aggregation into fixed time windows."""
import math
import threading
import time
from collections import defaultdict


def window_of(ts, width):
    """Start of the window of *width* seconds that contains *ts*."""
    return math.floor(ts / width) * width


class Aggregator:
    def __init__(self, width=60.0):
        self.width = width
        self._lock = threading.Lock()
        self._sums = defaultdict(float)
        self._counts = defaultdict(int)

    def record(self, sensor, value, ts=None):
        ts = time.time() if ts is None else ts
        key = (sensor, window_of(ts, self.width))
        with self._lock:
            self._sums[key] += value
            self._counts[key] += 1

    def count(self, sensor):
        with self._lock:
            return sum(c for (s, _), c in self._counts.items() if s == sensor)

    def mean(self, sensor, window_start):
        with self._lock:
            n = self._counts.get((sensor, window_start), 0)
            return self._sums[(sensor, window_start)] / n if n else None
