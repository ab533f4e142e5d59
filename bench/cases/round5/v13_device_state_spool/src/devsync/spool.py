import itertools
import json
import os
import time
from pathlib import Path


class Spool:
    """Directory of pending state snapshots, one JSON file per change."""

    SUFFIX = ".json"

    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._seq = itertools.count(1)

    def enqueue(self, device_id, settings):
        stamp = time.time_ns() // 1_000_000
        name = f"state-{stamp}-{next(self._seq):04d}{self.SUFFIX}"
        tmp = self.root / (name + ".part")
        tmp.write_text(json.dumps({"device": device_id, "settings": settings, "ts": stamp}))
        os.replace(tmp, self.root / name)
        return name

    def pending(self):
        return [self.root / name for name in os.listdir(self.root) if name.endswith(self.SUFFIX)]

    def load(self, path):
        return json.loads(Path(path).read_text())

    def discard(self, path):
        Path(path).unlink(missing_ok=True)

    def __len__(self):
        return len(self.pending())
