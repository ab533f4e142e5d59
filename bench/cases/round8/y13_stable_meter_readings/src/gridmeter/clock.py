import time
from datetime import datetime, timezone


class SystemClock:
    def now(self):
        return datetime.now(timezone.utc)

    def monotonic(self):
        return time.monotonic()


class FixedClock:
    def __init__(self, when):
        self.when = when
        self._mono = 0.0

    def now(self):
        return self.when

    def monotonic(self):
        return self._mono

    def advance(self, seconds):
        from datetime import timedelta
        self.when += timedelta(seconds=seconds)
        self._mono += seconds
