import bisect
import threading


class EndpointStats:
    def __init__(self, endpoint, baseline):
        self.endpoint = endpoint
        self.baseline = baseline
        self._lock = threading.Lock()
        self._samples = []
        self.errors = 0

    def record(self, seconds, ok=True):
        with self._lock:
            bisect.insort(self._samples, seconds)
            if not ok:
                self.errors += 1

    @property
    def count(self):
        with self._lock:
            return len(self._samples)

    def percentile(self, q):
        with self._lock:
            if not self._samples:
                return None
            idx = min(len(self._samples) - 1, int(q * len(self._samples)))
            return self._samples[idx]

    def regressed(self, factor=1.5):
        p95 = self.percentile(0.95)
        base = self.baseline.get("p95")
        return base is not None and p95 is not None and p95 > base * factor
