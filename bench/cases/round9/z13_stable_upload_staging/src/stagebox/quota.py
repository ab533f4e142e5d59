import threading


class QuotaExceeded(Exception):
    pass


class UserQuota:
    def __init__(self, limit_bytes):
        self.limit = limit_bytes
        self._used = {}
        self._lock = threading.Lock()

    def reserve(self, owner, size):
        with self._lock:
            used = self._used.get(owner, 0)
            if used + size > self.limit:
                raise QuotaExceeded(f"{owner}: {used} + {size} > {self.limit}")
            self._used[owner] = used + size

    def release(self, owner, size):
        with self._lock:
            self._used[owner] = max(0, self._used.get(owner, 0) - size)

    def used(self, owner):
        with self._lock:
            return self._used.get(owner, 0)
