import itertools
import queue


class PoolExhausted(RuntimeError):
    pass


class Connection:
    _ids = itertools.count(1)

    def __init__(self, upstream):
        self.id = next(self._ids)
        self.upstream = upstream
        self.requests = 0

    def call(self, path, timeout):
        self.requests += 1
        return self.upstream.handle(path, timeout)


class ConnectionPool:
    def __init__(self, upstream, size=3):
        self.size = size
        self._idle = queue.LifoQueue()
        for _ in range(size):
            self._idle.put(Connection(upstream))

    def acquire(self, timeout=0.05):
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolExhausted(f"no idle connection among {self.size} within {timeout}s") from None

    def release(self, conn):
        self._idle.put(conn)

    @property
    def idle(self):
        return self._idle.qsize()
