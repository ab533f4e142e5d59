import asyncio
import logging

from .handlers import HANDLERS

log = logging.getLogger("docsync")


class Ingestor:
    """Applies webhook events to the document store in the background."""

    def __init__(self, store, concurrency=3):
        self.store = store
        self.concurrency = concurrency
        self.applied = 0
        self.ignored = 0
        self._queue = asyncio.Queue()
        self._workers = []

    async def start(self):
        self._workers = [
            asyncio.create_task(self._work(), name=f"ingest-{i}")
            for i in range(self.concurrency)
        ]

    async def submit(self, event):
        await self._queue.put(event)

    async def _work(self):
        while True:
            event = await self._queue.get()
            try:
                result = await HANDLERS[event.kind](self.store, event)
                if result is False:
                    self.ignored += 1
                else:
                    self.applied += 1
            except Exception:
                log.exception("event %s failed", event)
            finally:
                self._queue.task_done()

    async def drain(self):
        await self._queue.join()

    async def stop(self):
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
