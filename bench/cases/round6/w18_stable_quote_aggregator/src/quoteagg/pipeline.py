import asyncio
import random


class OrderPipeline:
    """Routes incoming orders through a few worker tasks."""

    def __init__(self, aggregator, workers=3, jitter=0.005):
        self.aggregator = aggregator
        self.workers = workers
        self.jitter = jitter
        self.routed = {}
        self._queue = asyncio.Queue()

    async def _worker(self):
        while True:
            order_id, symbol, qty = await self._queue.get()
            try:
                await asyncio.sleep(random.uniform(0, self.jitter))
                best = await self.aggregator.best(symbol, qty)
                self.routed[order_id] = best.venue
            finally:
                self._queue.task_done()

    async def route_all(self, orders):
        tasks = [asyncio.create_task(self._worker()) for _ in range(self.workers)]
        try:
            for order in orders:
                await self._queue.put(order)
            await asyncio.wait_for(self._queue.join(), timeout=10)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return dict(self.routed)
