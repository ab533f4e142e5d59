import threading
from concurrent.futures import Future


class OriginBusy(RuntimeError):
    pass


class OriginFetcher:
    """Caps concurrent origin requests and collapses duplicate in-flight GETs."""

    def __init__(self, origin, max_concurrent=2, acquire_timeout=0.3):
        self.origin = origin
        self.acquire_timeout = acquire_timeout
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._max = max_concurrent
        self._lock = threading.Lock()
        self._inflight = {}
        self.collapsed = 0
        self.closed = False

    def close(self, drain_timeout=0.5):
        """Wait for in-flight origin requests, then refuse new ones."""
        taken = 0
        try:
            for _ in range(self._max):
                if not self._slots.acquire(timeout=drain_timeout):
                    raise OriginBusy(f"{self._max - taken} origin request(s) still in flight")
                taken += 1
        finally:
            for _ in range(taken):
                self._slots.release()
        self.closed = True

    def fetch(self, path):
        if not self._slots.acquire(timeout=self.acquire_timeout):
            raise OriginBusy(f"no origin slot for {path}")
        with self._lock:
            pending = self._inflight.get(path)
            leader = pending is None
            if leader:
                pending = self._inflight[path] = Future()
        if not leader:
            self.collapsed += 1
            return pending.result()
        try:
            body = self.origin.get(path)
            pending.set_result(body)
            return body
        except BaseException as exc:
            pending.set_exception(exc)
            raise
        finally:
            with self._lock:
                del self._inflight[path]
            self._slots.release()
