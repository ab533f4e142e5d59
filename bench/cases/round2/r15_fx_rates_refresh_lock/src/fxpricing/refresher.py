import random
import threading


class Refresher:
    """Keeps a RateCache fresh from a background thread."""

    def __init__(self, cache, interval: float = 1.0, splay: float = 0.2):
        self.cache = cache
        self.interval = interval
        self.first_delay = random.uniform(0, splay)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fx-refresh", daemon=True)
        self.errors = 0

    def _run(self):
        delay = self.first_delay
        while not self._stop.wait(delay):
            try:
                self.cache.refresh()
            except Exception:
                self.errors += 1
            delay = self.interval

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(1)
