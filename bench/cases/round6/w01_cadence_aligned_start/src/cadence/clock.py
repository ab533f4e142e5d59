import time


class SystemClock:
    def now(self):
        return time.time()

    def sleep(self, seconds):
        if seconds > 0:
            time.sleep(seconds)


class ManualClock:
    def __init__(self, start=1_700_000_000.0):
        self._now = float(start)

    def now(self):
        return self._now

    def sleep(self, seconds):
        self._now += max(0.0, seconds)

    def advance(self, seconds):
        self._now += seconds
