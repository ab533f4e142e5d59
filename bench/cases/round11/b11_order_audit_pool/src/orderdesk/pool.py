import threading
from contextlib import contextmanager


class PoolExhausted(RuntimeError):
    pass


class ConnectionPool:
    """Fixed-size pool; callers wait at most acquire_timeout for a connection."""

    def __init__(self, connect, size=2, acquire_timeout=0.05):
        self._idle = [connect() for _ in range(size)]
        self._lock = threading.Lock()
        self._available = threading.Semaphore(size)
        self.acquire_timeout = acquire_timeout
        self.size = size

    def acquire(self):
        if not self._available.acquire(timeout=self.acquire_timeout):
            raise PoolExhausted("no database connection free within %.0f ms"
                                % (self.acquire_timeout * 1000))
        with self._lock:
            return self._idle.pop()

    def release(self, conn):
        with self._lock:
            self._idle.append(conn)
        self._available.release()

    @contextmanager
    def connection(self):
        conn = self.acquire()
        try:
            yield conn
        finally:
            self.release(conn)

    def idle_count(self):
        with self._lock:
            return len(self._idle)
