"""Collector endpoint (HTTP bulk API in production, simulated here)."""
import random
import threading
import time


class CollectorSink:
    def __init__(self, ack_latency=(0.002, 0.035)):
        self._latency = ack_latency
        self._lock = threading.Lock()
        self.batches = []

    def send_batch(self, records):
        time.sleep(random.uniform(*self._latency))  # wait for the collector's ack
        with self._lock:
            self.batches.append(list(records))

    def received(self):
        with self._lock:
            return [r for b in self.batches for r in b]
