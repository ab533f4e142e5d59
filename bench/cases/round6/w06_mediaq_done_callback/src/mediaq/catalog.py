import threading
from dataclasses import dataclass


@dataclass
class CatalogEntry:
    asset_id: str
    status: str
    path: str = ""
    size: int = 0
    error: str = ""


class Catalog:
    def __init__(self):
        self._entries = {}
        self._lock = threading.Lock()

    def put(self, entry):
        with self._lock:
            self._entries[entry.asset_id] = entry

    def get(self, asset_id):
        with self._lock:
            return self._entries.get(asset_id)

    def status(self, asset_id):
        entry = self.get(asset_id)
        return entry.status if entry else "unknown"

    def ready(self):
        with self._lock:
            return sorted(a for a, e in self._entries.items() if e.status == "ready")
