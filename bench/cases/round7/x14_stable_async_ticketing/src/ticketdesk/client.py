import asyncio
import json


class SeatClient:
    """One connection, one request in flight at a time."""

    def __init__(self, port):
        self.port = port
        self._reader = self._writer = None
        self._lock = asyncio.Lock()

    async def connect(self):
        self._reader, self._writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def close(self):
        self._writer.close()
        await self._writer.wait_closed()

    async def call(self, **request):
        async with self._lock:
            self._writer.write((json.dumps(request) + "\n").encode())
            await self._writer.drain()
            line = await asyncio.wait_for(self._reader.readline(), timeout=5)
        return json.loads(line)
