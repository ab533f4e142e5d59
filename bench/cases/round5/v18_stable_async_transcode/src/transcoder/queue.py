import asyncio

from .jobs import Job
from .worker import jitter, run_transcode


class TranscodeQueue:
    def __init__(self, outbox_dir, workers=3, max_jitter=0.01):
        self.outbox_dir = outbox_dir
        self.workers = workers
        self.max_jitter = max_jitter
        self._queue = asyncio.Queue()
        self._jobs = {}
        self._lock = asyncio.Lock()
        self._tasks = []

    async def __aenter__(self):
        self._tasks = [asyncio.create_task(self._worker(n)) for n in range(self.workers)]
        return self

    async def __aexit__(self, *exc):
        await self._queue.join()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def submit(self, source, preset):
        job = Job(source, preset)
        self._jobs[job.id] = job
        self._queue.put_nowait(job)
        return job

    async def _worker(self, n):
        while True:
            job = await self._queue.get()
            try:
                await jitter(self.max_jitter)
                async with self._lock:
                    job.state = "running"
                try:
                    output = await run_transcode(job, self.outbox_dir)
                except Exception as exc:
                    async with self._lock:
                        job.state, job.error = "failed", str(exc)
                else:
                    async with self._lock:
                        job.state, job.output = "done", output
            finally:
                self._queue.task_done()

    async def drain(self):
        await self._queue.join()

    def report(self):
        return [j.as_row() for j in sorted(self._jobs.values(), key=lambda j: j.seq)]
