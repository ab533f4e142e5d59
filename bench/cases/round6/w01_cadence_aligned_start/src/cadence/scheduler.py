import logging
from dataclasses import dataclass, field

log = logging.getLogger("cadence")


class JobError(RuntimeError):
    pass


@dataclass
class Job:
    name: str
    func: object
    trigger: object
    due: float
    runs: int = 0
    failures: list = field(default_factory=list)


class Scheduler:
    def __init__(self, clock, tick=0.02):
        self.clock = clock
        self.tick = tick
        self._jobs = {}

    def add_job(self, name, func, trigger):
        if name in self._jobs:
            raise JobError(f"duplicate job {name!r}")
        due = trigger.first_fire(self.clock.now())
        self._jobs[name] = Job(name, func, trigger, due)
        return self._jobs[name]

    def remove_job(self, name):
        self._jobs.pop(name, None)

    def job(self, name):
        return self._jobs[name]

    def due_jobs(self, now):
        ready = [j for j in self._jobs.values() if j.due is not None and j.due <= now]
        return sorted(ready, key=lambda j: (j.due, j.name))

    def run_pending(self):
        now = self.clock.now()
        ran = []
        for job in self.due_jobs(now):
            try:
                job.func()
            except Exception as exc:  # keep the scheduler alive
                log.warning("job %s failed: %s", job.name, exc)
                job.failures.append(exc)
            job.runs += 1
            ran.append(job.name)
            job.due = job.trigger.next_fire(job.due, now)
            if job.due is None:
                del self._jobs[job.name]
        return ran

    def run_for(self, duration):
        deadline = self.clock.now() + duration
        history = []
        while self.clock.now() < deadline:
            history.extend(self.run_pending())
            self.clock.sleep(self.tick)
        return history
