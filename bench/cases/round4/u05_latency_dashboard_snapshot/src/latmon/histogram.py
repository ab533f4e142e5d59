import bisect
import threading

DEFAULT_BOUNDS_MS = (5, 10, 25, 50, 100, 250, 500, 1000)


class LatencyHistogram:
    def __init__(self, bounds=DEFAULT_BOUNDS_MS):
        self.bounds = tuple(bounds)
        self._lock = threading.Lock()
        self.count = 0
        self.total_ms = 0.0
        self.max_ms = 0.0
        self.buckets = [0] * (len(self.bounds) + 1)

    def observe(self, ms):
        if ms < 0:
            raise ValueError("negative latency")
        with self._lock:
            self.count += 1
            self.total_ms += ms
            self.max_ms = max(self.max_ms, ms)
            self.buckets[bisect.bisect_left(self.bounds, ms)] += 1

    def quantile(self, q, buckets=None):
        buckets = self.buckets if buckets is None else buckets
        n = sum(buckets)
        if n == 0:
            return 0.0
        rank = q * n
        seen = 0
        for i, c in enumerate(buckets):
            seen += c
            if seen >= rank:
                return float(self.bounds[i]) if i < len(self.bounds) else float("inf")
        return float("inf")
