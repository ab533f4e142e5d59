import queue
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class ConnectionPool:
    def __init__(self, factory, size=2, timeout=0.05):
        self.size = size
        self.timeout = timeout
        self._idle = queue.LifoQueue()
        for _ in range(size):
            self._idle.put(factory())

    @contextmanager
    def connection(self):
        try:
            conn = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolTimeout("no connection free within %.0f ms" % (self.timeout * 1000)) from None
        try:
            yield conn
        finally:
            self._idle.put(conn)

    def available(self):
        return self._idle.qsize()
