import threading
import time


class Debouncer:
    """Collects keys and calls ``action(keys)`` once things have gone quiet."""

    def __init__(self, action, quiet_period, max_delay):
        self._action = action
        self._quiet = quiet_period
        self._max_delay = max_delay
        self._lock = threading.Lock()
        self._pending = set()
        self._first_event = None
        self._timer = None
        self._idle = threading.Event()
        self._idle.set()

    def push(self, key):
        with self._lock:
            self._pending.add(key)
            now = time.monotonic()
            if self._first_event is None:
                self._first_event = now
            if self._timer is not None:
                self._timer.cancel()
            delay = min(self._quiet, max(0.0, self._first_event + self._max_delay - now))
            self._idle.clear()
            self._timer = threading.Timer(delay, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self):
        with self._lock:
            keys, self._pending = self._pending, set()
            self._first_event = None
            self._timer = None
        try:
            if keys:
                self._action(sorted(keys))
        finally:
            with self._lock:
                if self._timer is None:
                    self._idle.set()

    def wait_idle(self, timeout):
        return self._idle.wait(timeout)

    def cancel(self):
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self._pending.clear()
            self._idle.set()
