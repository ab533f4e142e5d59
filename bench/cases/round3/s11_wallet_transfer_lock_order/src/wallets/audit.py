"""Append-only audit trail (a remote journal in production)."""
import threading
import time


class AuditTrail:
    def __init__(self, write_delay=0.01):
        self.entries = []
        self._lock = threading.Lock()
        self._write_delay = write_delay

    def record(self, kind, **fields):
        time.sleep(self._write_delay)  # journal round trip
        with self._lock:
            self.entries.append(dict(kind=kind, **fields))
