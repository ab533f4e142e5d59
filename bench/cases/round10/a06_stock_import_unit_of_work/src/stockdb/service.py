import asyncio


class OutOfStock(Exception):
    pass


class StockService:
    def __init__(self, conn, catalog_latency=0.03):
        self.conn = conn
        self.catalog_latency = catalog_latency
        self.jobs = []

    def schedule(self, job):
        task = asyncio.get_running_loop().create_task(job.run())
        self.jobs.append(task)
        return task

    async def _resolve(self, sku):
        await asyncio.sleep(self.catalog_latency)
        return sku.strip().upper()

    async def level(self, sku):
        return await self.conn.get(f"stock:{await self._resolve(sku)}", 0)

    async def receive(self, sku, qty):
        key = f"stock:{await self._resolve(sku)}"
        current = await self.conn.get(key, 0)
        await self.conn.put(key, current + qty)
        return current + qty

    async def pick(self, sku, qty):
        key = f"stock:{await self._resolve(sku)}"
        current = await self.conn.get(key, 0)
        if current < qty:
            raise OutOfStock(sku)
        await self.conn.put(key, current - qty)
        return current - qty

    async def drain(self):
        await asyncio.gather(*self.jobs)
