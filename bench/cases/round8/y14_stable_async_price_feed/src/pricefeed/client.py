import asyncio
import json
import uuid


class QuoteClient:
    def __init__(self, port, timeout=2.0):
        self.port = port
        self.timeout = timeout
        self._lock = asyncio.Lock()
        self._reader = self._writer = None

    async def connect(self):
        self._reader, self._writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def quote(self, symbol):
        req_id = uuid.uuid4().hex
        async with self._lock:
            self._writer.write((json.dumps({"id": req_id, "symbol": symbol}) + "\n").encode())
            await self._writer.drain()
            line = await asyncio.wait_for(self._reader.readline(), self.timeout)
        resp = json.loads(line)
        if resp["id"] != req_id:
            raise RuntimeError("reply for another request")
        return resp["price"]

    async def close(self):
        self._writer.close()
        await self._writer.wait_closed()
