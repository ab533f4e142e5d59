"""Bounded number of concurrent transfers to the object store."""
import contextlib
import threading


class NoSlotAvailable(Exception):
    pass


class SlotPool:
    def __init__(self, size, acquire_timeout):
        self.size = size
        self.acquire_timeout = acquire_timeout
        self._sem = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self.in_use = 0
        self.peak = 0

    @contextlib.contextmanager
    def slot(self):
        if not self._sem.acquire(timeout=self.acquire_timeout):
            raise NoSlotAvailable("all %d transfer slots busy" % self.size)
        with self._lock:
            self.in_use += 1
            self.peak = max(self.peak, self.in_use)
        try:
            yield
        finally:
            with self._lock:
                self.in_use -= 1
            self._sem.release()
