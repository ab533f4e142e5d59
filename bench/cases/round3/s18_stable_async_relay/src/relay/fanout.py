"""Fan a batch of messages out to workers through an asyncio.Queue."""
import asyncio
import random


class Fanout:
    def __init__(self, handler, workers=3, jitter=0.01):
        self._handler = handler
        self._workers = workers
        self._jitter = jitter
        self.handled = []

    async def _worker(self, queue):
        while True:
            item = await queue.get()
            try:
                await asyncio.sleep(random.uniform(0, self._jitter))
                self.handled.append(await self._handler(item))
            finally:
                queue.task_done()

    async def run(self, items):
        queue = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)
        tasks = [asyncio.create_task(self._worker(queue)) for _ in range(self._workers)]
        await queue.join()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return sorted(self.handled)
