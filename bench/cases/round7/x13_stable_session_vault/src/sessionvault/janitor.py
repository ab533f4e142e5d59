import random
import threading


class Janitor:
    """Background thread that expires idle sessions with a jittered interval."""

    def __init__(self, store, interval=0.01):
        self.store = store
        self.interval = interval
        self.sweeps = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(5)

    def _run(self):
        while not self._stop.wait(self.interval * random.uniform(0.5, 1.5)):
            self.store.expire()
            self.sweeps += 1
