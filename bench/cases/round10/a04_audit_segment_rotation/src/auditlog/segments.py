import json
import os
import threading


class SegmentWriter:
    """Append-only JSON-lines segments, rolled over at max_bytes."""

    def __init__(self, directory, max_bytes=64 * 1024, on_close=None):
        self.directory = directory
        self.max_bytes = max_bytes
        self.on_close = on_close
        self._index = 0
        self._size = 0
        self._rolling = False
        self._lock = threading.Lock()
        os.makedirs(directory, exist_ok=True)
        self._fh = self._open_next()

    def _open_next(self):
        self._index += 1
        path = os.path.join(self.directory, f"audit-{self._index:05d}.jsonl")
        return open(path, "a", encoding="utf-8")

    def segments(self):
        return sorted(os.path.join(self.directory, n)
                      for n in os.listdir(self.directory) if n.endswith(".jsonl"))

    def append(self, record):
        line = json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n"
        self._fh.write(line)
        self._fh.flush()
        with self._lock:
            self._size += len(line)
            roll = self._size >= self.max_bytes and not self._rolling
            if roll:
                self._rolling = True
        if roll:
            self._roll()

    def _roll(self):
        finished = self._fh
        finished.close()
        if self.on_close is not None:
            self.on_close(finished.name)
        self._fh = self._open_next()
        with self._lock:
            self._size = 0
            self._rolling = False

    def close(self):
        self._fh.close()
