import threading
import time


class QuotaExceeded(RuntimeError):
    pass


class TokenBucket:
    """Client-side mirror of the vendor's per-API-key request quota."""

    def __init__(self, rate, capacity, clock=time.monotonic):
        self.rate = float(rate)
        self.capacity = float(capacity)
        self._clock = clock
        self._tokens = float(capacity)
        self._stamp = clock()
        self._lock = threading.Lock()

    def _refill(self):
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def available(self):
        with self._lock:
            self._refill()
            return self._tokens

    def take(self, timeout=0.0):
        deadline = self._clock() + timeout
        while True:
            with self._lock:
                self._refill()
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
            if self._clock() >= deadline:
                raise QuotaExceeded("request quota exhausted")
            time.sleep(0.005)
