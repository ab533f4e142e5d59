import random
import time


class RpcLink:
    """Worker-side view of the coordinator: every call crosses the network."""

    def __init__(self, coordinator, latency=(0.005, 0.060), rng=None):
        self._c = coordinator
        self._latency = latency
        self._rng = rng or random.Random()

    def _hop(self):
        time.sleep(self._rng.uniform(*self._latency))

    def acquire(self, owner):
        self._hop()
        return self._c.acquire(owner)

    def renew(self, job_id, owner):
        self._hop()
        return self._c.renew(job_id, owner)

    def complete(self, job_id, owner, result):
        self._hop()
        return self._c.complete(job_id, owner, result)
