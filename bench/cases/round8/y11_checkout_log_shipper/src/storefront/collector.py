import random
import threading
import time


class LogCollector:
    """Stand-in for the central log intake; acks each line after a network hop."""

    def __init__(self, min_ack=0.005, max_ack=0.035):
        self.min_ack = min_ack
        self.max_ack = max_ack
        self.lines = []
        self._lock = threading.Lock()

    def ingest(self, line):
        time.sleep(random.uniform(self.min_ack, self.max_ack))
        with self._lock:
            self.lines.append(line)
        return True
