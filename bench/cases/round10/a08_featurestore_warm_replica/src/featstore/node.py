import random
import threading
import time


class Warming(RuntimeError):
    """The node is still loading its snapshot and refuses reads."""


class CacheNode:
    def __init__(self, snapshot, load_time=(0.05, 0.25)):
        self._snapshot = dict(snapshot)
        self._data = {}
        self._ready = threading.Event()
        self.load_time = load_time
        self.reads = 0

    def boot(self):
        threading.Thread(target=self._load, name="snapshot-loader", daemon=True).start()
        return self

    def _load(self):
        time.sleep(random.uniform(*self.load_time))
        self._data = self._snapshot
        self._ready.set()

    def get(self, key):
        self.reads += 1
        if not self._ready.is_set():
            raise Warming(key)
        return self._data.get(key)
