import threading
import time


class Ledger:
    """Units in stock, written through to a (slow) warehouse service."""

    def __init__(self):
        self.units = 0
        self._lock = threading.Lock()
        self.updated_at = None

    def receive(self, n):
        with self._lock:  # held for the read only
            current = self.units
        time.sleep(0.005)  # @wait (write through to the warehouse service)
        self.units = current + n  # @cause
        self.updated_at = time.time()
