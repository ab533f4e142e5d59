import threading
import time


class Writer:
    def __init__(self):
        self._lock = threading.Lock()

    def compact(self, cost):
        with self._lock:
            time.sleep(cost)

    def commit(self):
        if not self._lock.acquire(timeout=0.05):  # @cause
            raise TimeoutError("writer busy")
        self._lock.release()
