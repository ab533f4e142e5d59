import random
import threading


class Poller:
    """Refreshes a FlagClient in the background, with splay to avoid herds."""

    def __init__(self, client, interval: float = 1.0, splay: float = 0.25):
        self.client = client
        self.interval = interval
        self.splay = splay
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="flag-poller", daemon=True)
        self.failures = 0

    def _loop(self):
        if self._stop.wait(random.uniform(0, self.splay)):
            return
        while not self._stop.is_set():
            try:
                self.client.refresh()
            except Exception:
                self.failures += 1
            self._stop.wait(self.interval)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(1)
