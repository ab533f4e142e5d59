import hashlib
import threading
import time


class TransientError(IOError):
    pass


class BlockStore:
    """In-memory stand-in for the block service, with a per-request round trip."""

    def __init__(self, round_trip=0.02, fail_every=0):
        self.round_trip = round_trip
        self.fail_every = fail_every
        self.blocks = {}
        self.requests = 0
        self._lock = threading.Lock()

    def put_part(self, name, index, data):
        with self._lock:
            self.requests += 1
            n = self.requests
        time.sleep(self.round_trip)
        if self.fail_every and n % self.fail_every == 0:
            raise TransientError(f"503 for {name}#{index}")
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            self.blocks[(name, index)] = digest
        return len(data)

    def stored_bytes(self):
        return sum(1 for _ in self.blocks)
