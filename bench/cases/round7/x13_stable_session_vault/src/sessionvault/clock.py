import threading
import time


class SystemClock:
    def now(self):
        return time.monotonic()


class ManualClock:
    def __init__(self, start=1000.0):
        self._now = start
        self._lock = threading.Lock()

    def now(self):
        with self._lock:
            return self._now

    def advance(self, seconds):
        with self._lock:
            self._now += seconds
