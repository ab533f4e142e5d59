import threading
import time
from dataclasses import dataclass


class LeaseExpired(Exception):
    pass


@dataclass
class Lease:
    job_id: str
    owner: str
    expires_at: float
    renewals: int = 0


class Coordinator:
    def __init__(self, lease_ttl: float = 0.15, clock=time.monotonic):
        self.lease_ttl = lease_ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._queue = []
        self._leases = {}
        self.done = {}

    def submit(self, job_id, payload):
        with self._lock:
            self._queue.append((job_id, payload))

    def acquire(self, owner):
        with self._lock:
            now = self._clock()
            for job_id, lease in list(self._leases.items()):
                if lease.expires_at < now:
                    # lapsed lease: job goes back to the front of the queue
                    del self._leases[job_id]
                    self._queue.insert(0, (job_id, lease))
            if not self._queue:
                return None
            job_id, payload = self._queue.pop(0)
            self._leases[job_id] = Lease(job_id, owner, now + self.lease_ttl)
            return job_id, payload

    def renew(self, job_id, owner):
        with self._lock:
            lease = self._leases.get(job_id)
            now = self._clock()
            if lease is None or lease.owner != owner or lease.expires_at < now:
                raise LeaseExpired(f"{owner} lost lease on {job_id}")
            lease.expires_at = now + self.lease_ttl
            lease.renewals += 1
            return lease.expires_at

    def complete(self, job_id, owner, result):
        with self._lock:
            lease = self._leases.pop(job_id, None)
            if lease is None or lease.owner != owner:
                raise LeaseExpired(f"{owner} does not hold {job_id}")
            self.done[job_id] = result
