import asyncio
import random


class DriverPool:
    def __init__(self, drivers, seed=7):
        self._free = list(drivers)
        self._lock = asyncio.Lock()
        self._rng = random.Random(seed)
        self.assigned = {}

    async def _eta(self, driver):
        await asyncio.sleep(self._rng.uniform(0.001, 0.01))
        return self._rng.randint(3, 15)

    async def claim(self, order_id):
        async with self._lock:
            if not self._free:
                return None
            driver = self._free.pop(0)
            eta = await self._eta(driver)
            self.assigned[order_id] = (driver, eta)
            return driver, eta

    async def release(self, order_id):
        async with self._lock:
            driver, _ = self.assigned.pop(order_id)
            self._free.append(driver)
