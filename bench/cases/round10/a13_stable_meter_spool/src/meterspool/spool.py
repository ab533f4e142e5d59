import json
import os
import random
import tempfile
import threading


class Spool:
    """Durable hand-off of usage batches through a directory."""

    def __init__(self, directory, rng=None):
        self.directory = str(directory)
        self._rng = rng or random.Random(1234)
        self._seq = 0
        self._lock = threading.Lock()
        os.makedirs(self.directory, exist_ok=True)

    def _next_name(self):
        with self._lock:
            self._seq += 1
            return f"batch-{self._seq:06d}.json"

    def put(self, batch):
        name = self._next_name()
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".part-")
        with os.fdopen(fd, "w") as fh:
            json.dump(batch, fh)
        os.replace(tmp, os.path.join(self.directory, name))
        return name

    def ready(self):
        return sorted(n for n in os.listdir(self.directory) if n.startswith("batch-") and n.endswith(".json"))

    def claim(self, name, worker):
        src = os.path.join(self.directory, name)
        dst = src + f".{worker}"
        try:
            os.rename(src, dst)
        except FileNotFoundError:
            return None
        with open(dst) as fh:
            return json.load(fh)

    def sample(self, k):
        names = self.ready()
        return self._rng.sample(names, min(k, len(names)))
