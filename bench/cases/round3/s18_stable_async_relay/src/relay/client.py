import asyncio


class RelayClient:
    def __init__(self, port, timeout=5.0):
        self._port = port
        self._timeout = timeout
        self._reader = self._writer = None
        self._lock = asyncio.Lock()

    async def connect(self):
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", self._port), self._timeout)
        return self

    async def _call(self, line):
        async with self._lock:  # one request in flight per connection
            self._writer.write((line + "\n").encode())
            await self._writer.drain()
            reply = await asyncio.wait_for(self._reader.readline(), self._timeout)
            return reply.decode().rstrip("\n")

    async def publish(self, topic, msg):
        reply = await self._call("PUB %s %s" % (topic, msg))
        return int(reply.split()[1])

    async def fetch(self, topic):
        reply = await self._call("GET " + topic)
        count, _, body = reply.partition(" ")
        return body.split("|") if int(count) else []

    async def close(self):
        self._writer.close()
        await self._writer.wait_closed()
