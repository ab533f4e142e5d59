import hashlib
import random
import time


class ObjectMissing(KeyError):
    pass


class RemoteStore:
    """Object store simulator: range reads cost a round trip plus transfer time."""

    def __init__(self, rtt=0.006, bytes_per_sec=16_000_000, jitter=0.006):
        self.rtt = rtt
        self.bytes_per_sec = bytes_per_sec
        self.jitter = jitter
        self.objects = {}
        self.range_reads = 0

    def put(self, key, data):
        self.objects[key] = bytes(data)
        return hashlib.sha256(data).hexdigest()

    def head(self, key):
        try:
            data = self.objects[key]
        except KeyError:
            raise ObjectMissing(key) from None
        return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    def get_range(self, key, start, end):
        data = self.objects[key]
        chunk = data[start:end]
        time.sleep(self.rtt + len(chunk) / self.bytes_per_sec + random.uniform(0, self.jitter))
        self.range_reads += 1
        return chunk
