import json
import random
import threading
import time


class WarehouseSink:
    """Client for the analytics warehouse's bulk-insert endpoint."""

    def __init__(self, latency=(0.02, 0.14)):
        self.latency = latency
        self.rows = []
        self.requests = 0
        self._lock = threading.Lock()

    def insert_many(self, table, rows):
        payload = json.dumps({"table": table, "rows": rows})
        time.sleep(random.uniform(*self.latency))
        with self._lock:
            self.requests += 1
            self.rows.extend(json.loads(payload)["rows"])
        return len(rows)
