import threading

from .coordinator import LeaseExpired


class Heartbeat(threading.Thread):
    def __init__(self, link, job_id, owner, every):
        super().__init__(daemon=True, name=f"heartbeat-{job_id}")
        self.link, self.job_id, self.owner, self.every = link, job_id, owner, every
        self.stopped = threading.Event()
        self.error = None
        self.beats = 0

    def run(self):
        while not self.stopped.wait(self.every):
            try:
                self.link.renew(self.job_id, self.owner)
                self.beats += 1
            except LeaseExpired as exc:
                self.error = exc
                return


class Worker:
    def __init__(self, name, link, lease_ttl, handlers):
        self.name = name
        self.link = link
        self.handlers = handlers
        # renew well before the lease runs out
        self.heartbeat_every = lease_ttl * 2 / 3
        self.failures = []

    def run_one(self):
        job = self.link.acquire(self.name)
        if job is None:
            return None
        job_id, payload = job
        beat = Heartbeat(self.link, job_id, self.name, self.heartbeat_every)
        beat.start()
        try:
            result = self.handlers[payload["kind"]](payload)
        finally:
            beat.stopped.set()
            beat.join()
        if beat.error is not None:
            self.failures.append((job_id, str(beat.error)))
            raise beat.error
        self.link.complete(job_id, self.name, result)
        return job_id, result
