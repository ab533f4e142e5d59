import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest_asyncio

from ticketdesk import SeatClient, SeatServer

SEATS = ["A%d" % n for n in range(1, 9)]


@pytest_asyncio.fixture
async def server():
    srv = await SeatServer(SEATS).start()
    yield srv
    await srv.stop()


@pytest_asyncio.fixture
async def client(server):
    c = await SeatClient(server.port).connect()
    yield c
    await c.close()
