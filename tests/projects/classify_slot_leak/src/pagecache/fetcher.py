import threading


class Fetcher:
    def __init__(self, slots=2):
        self._slots = threading.Semaphore(slots)
        self._size = slots
        self._cache = {}

    def fetch(self, key):
        self._slots.acquire()
        if key in self._cache:
            return self._cache[key]  # @cause
        value = key.upper()
        self._cache[key] = value
        self._slots.release()
        return value

    def close(self, timeout=0.05):
        for _ in range(self._size):
            if not self._slots.acquire(timeout=timeout):
                return False
        return True
