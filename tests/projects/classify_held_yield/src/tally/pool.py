import queue
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, size=1, timeout=0.05):
        self.timeout = timeout
        self._free = queue.Queue()
        for n in range(size):
            self._free.put({"id": n})

    @contextmanager
    def connection(self):
        try:
            conn = self._free.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolTimeout("no connection within %.0f ms" % (self.timeout * 1000)) from None
        try:
            yield conn
        finally:
            self._free.put(conn)
