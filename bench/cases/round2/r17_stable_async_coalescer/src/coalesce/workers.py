import asyncio


class WorkerGroup:
    """N consumers draining an asyncio.Queue; results keyed by job id."""

    def __init__(self, handler, concurrency: int = 3):
        self.handler = handler
        self.concurrency = concurrency
        self.queue: asyncio.Queue = asyncio.Queue()
        self.results: dict[int, object] = {}
        self.errors: dict[int, str] = {}
        self._tasks: list[asyncio.Task] = []

    async def _worker(self):
        while True:
            job_id, payload = await self.queue.get()
            try:
                self.results[job_id] = await self.handler(payload)
            except Exception as exc:
                self.errors[job_id] = repr(exc)
            finally:
                self.queue.task_done()

    def start(self):
        self._tasks = [asyncio.create_task(self._worker()) for _ in range(self.concurrency)]

    async def submit_all(self, payloads) -> None:
        for i, payload in enumerate(payloads):
            await self.queue.put((i, payload))

    async def finish(self, timeout: float = 5.0) -> None:
        await asyncio.wait_for(self.queue.join(), timeout)
        for t in self._tasks:
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
