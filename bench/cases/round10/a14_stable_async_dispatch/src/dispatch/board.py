import asyncio
import time
import uuid


class DispatchBoard:
    def __init__(self, pool, timeout=2.0):
        self.pool = pool
        self.timeout = timeout
        self.events = asyncio.Queue()

    async def dispatch(self, order):
        ticket = uuid.uuid4().hex
        result = await asyncio.wait_for(self.pool.claim(order), self.timeout)
        await self.events.put((ticket, order, result, time.time()))
        return ticket, result

    async def dispatch_all(self, orders):
        return await asyncio.gather(*(self.dispatch(o) for o in orders))

    async def drain(self):
        items = []
        while not self.events.empty():
            items.append(self.events.get_nowait())
        return items
