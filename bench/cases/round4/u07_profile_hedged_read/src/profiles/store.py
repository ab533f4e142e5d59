import asyncio
import random


class Node:
    def __init__(self, name, latency):
        self.name = name
        self._latency = latency
        self.data = {}
        self.version = 0

    async def get(self, key):
        await asyncio.sleep(random.uniform(*self._latency))
        return self.data.get(key), self.version


class Primary(Node):
    def __init__(self, latency=(0.004, 0.012)):
        super().__init__("primary", latency)
        self.log = asyncio.Queue()

    async def put(self, key, value):
        await asyncio.sleep(random.uniform(*self._latency))
        self.version += 1
        self.data[key] = value
        self.log.put_nowait((self.version, key, value))
        return self.version


class Replica(Node):
    def __init__(self, primary, latency=(0.001, 0.004), lag=(0.0, 0.005)):
        super().__init__("replica", latency)
        self._primary = primary
        self._lag = lag
        self._task = None

    def start(self):
        self._task = asyncio.get_running_loop().create_task(self._apply_loop())

    async def _apply_loop(self):
        while True:
            version, key, value = await self._primary.log.get()
            await asyncio.sleep(random.uniform(*self._lag))
            self.data[key] = value
            self.version = version

    async def stop(self):
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
