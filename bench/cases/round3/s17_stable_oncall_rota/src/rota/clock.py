import threading
import time
from datetime import datetime, timedelta, timezone


class SystemClock:
    def now(self):
        return datetime.now(timezone.utc)

    def monotonic(self):
        return time.monotonic()


class FixedClock:
    """Deterministic clock for tests and replays."""

    def __init__(self, start):
        self._now = start
        self._lock = threading.Lock()

    def now(self):
        with self._lock:
            return self._now

    def advance(self, **kw):
        with self._lock:
            self._now += timedelta(**kw)

    def monotonic(self):
        return self.now().timestamp()
