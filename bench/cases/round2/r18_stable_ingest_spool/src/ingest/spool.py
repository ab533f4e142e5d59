import json
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path

from .stamp import day_bucket


class Spool:
    """Durable hand-off of records between producer threads and a shipper."""

    def __init__(self, root, clock=time.time):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._seq = 0
        self._seq_lock = threading.Lock()

    def _next_seq(self) -> int:
        with self._seq_lock:
            self._seq += 1
            return self._seq

    def put(self, record: dict) -> Path:
        ts = self._clock()
        part = self.root / day_bucket(ts)
        part.mkdir(exist_ok=True)
        name = f"{self._next_seq():08d}-{uuid.uuid4().hex[:8]}.json"
        fd, tmp = tempfile.mkstemp(dir=part, prefix=".tmp-")
        with os.fdopen(fd, "w") as fh:
            json.dump({"ts": ts, **record}, fh)
        final = part / name
        os.replace(tmp, final)
        return final

    def claim(self, path: Path) -> dict | None:
        claimed = path.with_suffix(".claimed")
        try:
            os.rename(path, claimed)
        except FileNotFoundError:
            return None
        data = json.loads(claimed.read_text())
        claimed.unlink()
        return data

    def pending(self) -> list[Path]:
        return sorted(self.root.glob("*/*.json"))
