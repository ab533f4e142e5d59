"""Draft storage backed by a directory (one JSON file per draft)."""
import json
import os
import random
import threading
import time


class DraftStorage:
    def __init__(self, root, fsync_latency=(0.02, 0.19)):
        self.root = root
        self._latency = fsync_latency
        self._lock = threading.Lock()
        self.writes = 0
        os.makedirs(root, exist_ok=True)

    def _path(self, doc_id):
        return os.path.join(self.root, "%s.json" % doc_id)

    def save(self, doc_id, payload):
        path = self._path(doc_id)
        tmp = path + ".tmp"
        with open(tmp, "w") as fh:
            json.dump(payload, fh)
        # network home directories: fsync cost varies a lot
        time.sleep(random.uniform(*self._latency))
        os.replace(tmp, path)
        with self._lock:
            self.writes += 1

    def load(self, doc_id):
        try:
            with open(self._path(doc_id)) as fh:
                return json.load(fh)
        except FileNotFoundError:
            return None
