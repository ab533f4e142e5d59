import random
import threading
import time


class SequenceTable:
    """Server-side sequence: hands out blocks of ids (one DB round trip each)."""

    def __init__(self, start=1000, latency=(0.001, 0.003)):
        self._next = start
        self._lock = threading.Lock()
        self._latency = latency
        self.round_trips = 0

    def reserve(self, size):
        time.sleep(random.uniform(*self._latency))
        with self._lock:
            first = self._next
            self._next += size
            self.round_trips += 1
        return range(first, first + size)


def id_stream(table, block_size, first_block=()):
    """Endless stream of ids, fetching a new block whenever one runs out."""
    yield from first_block
    while True:
        for value in table.reserve(block_size):
            yield value


class IdAllocator:
    def __init__(self, table, block_size=50):
        # reserve the first block up front so the first caller does not wait
        self._stream = id_stream(table, block_size, table.reserve(block_size))
        self.issued = 0

    def next_id(self):
        value = next(self._stream)
        self.issued += 1
        return value
