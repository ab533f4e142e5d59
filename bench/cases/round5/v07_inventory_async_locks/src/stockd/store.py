import asyncio
import random


class WarehouseStore:
    """Async key/value store for stock levels (stands in for the warehouse DB).

    Every call takes a round trip drawn from `latency`.
    """

    def __init__(self, levels, latency=(0.0, 0.0)):
        self._levels = dict(levels)
        self.latency = latency
        self.writes = 0

    async def _round_trip(self):
        await asyncio.sleep(random.uniform(*self.latency))

    async def get(self, sku):
        await self._round_trip()
        return self._levels.get(sku, 0)

    async def set(self, sku, qty):
        await self._round_trip()
        self._levels[sku] = qty
        self.writes += 1

    def snapshot(self):
        return dict(self._levels)
