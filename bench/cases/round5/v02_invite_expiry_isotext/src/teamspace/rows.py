import json
import threading
from pathlib import Path


class RowStore:
    """A tiny JSON-file table store; rows are plain dicts keyed by id."""

    def __init__(self, path):
        self.path = Path(path)
        self._lock = threading.Lock()
        if not self.path.exists():
            self.path.write_text("{}")

    def _load(self):
        return json.loads(self.path.read_text())

    def put(self, table, key, row):
        with self._lock:
            data = self._load()
            data.setdefault(table, {})[key] = row
            self.path.write_text(json.dumps(data, sort_keys=True))

    def get(self, table, key):
        return self._load().get(table, {}).get(key)

    def select(self, table, **where):
        rows = self._load().get(table, {}).values()
        return [r for r in rows if all(r.get(k) == v for k, v in where.items())]

    def delete(self, table, key):
        with self._lock:
            data = self._load()
            data.get(table, {}).pop(key, None)
            self.path.write_text(json.dumps(data, sort_keys=True))
