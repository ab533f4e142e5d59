import asyncio
import json
import random


class QuoteServer:
    """Line-delimited JSON quote server on 127.0.0.1 with random think time."""

    def __init__(self, prices):
        self.prices = prices
        self.server = None
        self.port = None
        self.requests = 0

    async def start(self):
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def _handle(self, reader, writer):
        try:
            while line := await reader.readline():
                req = json.loads(line)
                self.requests += 1
                await asyncio.sleep(random.uniform(0, 0.01))
                price = self.prices.get(req["symbol"])
                resp = {"id": req["id"], "symbol": req["symbol"], "price": price}
                writer.write((json.dumps(resp) + "\n").encode())
                await writer.drain()
        finally:
            writer.close()

    async def stop(self):
        self.server.close()
        await self.server.wait_closed()
