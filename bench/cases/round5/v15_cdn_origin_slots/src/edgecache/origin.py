import hashlib
import random
import threading
import time


class OriginServer:
    """Fake origin; every GET takes `latency` seconds (range) and is counted."""

    def __init__(self, latency=(0.0, 0.0), static_latency=None):
        self.latency = latency
        self.static_latency = static_latency or latency
        self.requests = []
        self._lock = threading.Lock()

    def get(self, path):
        span = self.static_latency if path.startswith("/static/") else self.latency
        time.sleep(random.uniform(*span))
        with self._lock:
            self.requests.append(path)
        return hashlib.md5(path.encode()).digest() * 64
