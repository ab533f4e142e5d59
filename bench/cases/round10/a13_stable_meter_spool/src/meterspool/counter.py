import threading
import time


class UsageCounter:
    def __init__(self, clock=time.time):
        self._clock = clock
        self._lock = threading.Lock()
        self._totals = {}
        self.last_update = None

    def add(self, tenant, units):
        with self._lock:
            current = self._totals.get(tenant, 0)
            time.sleep(0.0005)
            self._totals[tenant] = current + units
            self.last_update = self._clock()

    def total(self, tenant):
        with self._lock:
            return self._totals.get(tenant, 0)
