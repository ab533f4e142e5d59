import asyncio


class StoreClient:
    """Reads are hedged across primary and replica; writes go to the primary."""

    def __init__(self, primary, replica):
        self.primary = primary
        self.replica = replica
        self.last_written = 0
        self.served_by = {"primary": 0, "replica": 0}

    async def write(self, key, value):
        self.last_written = await self.primary.put(key, value)

    async def read(self, key):
        tasks = {
            asyncio.ensure_future(self.primary.get(key)): "primary",
            asyncio.ensure_future(self.replica.get(key)): "replica",
        }
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        winner = next(iter(done))
        value, _version = winner.result()
        self.served_by[tasks[winner]] += 1
        return value
