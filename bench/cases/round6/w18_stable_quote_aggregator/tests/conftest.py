import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import asyncio
import json
import random

import pytest

from quoteagg import Aggregator, VenueClient


class FakeVenue:
    def __init__(self, name, spread, latency=(0.001, 0.02), down=False):
        self.name = name
        self.spread = spread
        self.latency = latency
        self.down = down
        self.server = None

    async def start(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _serve(self, reader, writer):
        req = json.loads(await reader.readline())
        await asyncio.sleep(random.uniform(*self.latency))
        if self.down:
            writer.close()
            return
        price = round(100.0 + self.spread + 0.001 * req["qty"], 4)
        writer.write(json.dumps({"id": req["id"], "price": price}).encode() + b"\n")
        await writer.drain()
        writer.close()

    async def stop(self):
        self.server.close()
        await self.server.wait_closed()


@pytest.fixture
async def venues():
    vs = [FakeVenue("alpha", 0.30), FakeVenue("bravo", 0.10), FakeVenue("charlie", 0.20)]
    ports = [await v.start() for v in vs]
    yield list(zip(vs, ports))
    for v in vs:
        await v.stop()


@pytest.fixture
def aggregator(venues):
    return Aggregator(VenueClient(v.name, "127.0.0.1", port) for v, port in venues)
