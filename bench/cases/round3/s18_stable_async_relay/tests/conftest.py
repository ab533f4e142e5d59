import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from relay import RelayClient, RelayServer


@pytest.fixture
async def server():
    srv = RelayServer()
    await srv.start()
    yield srv
    await srv.stop()


@pytest.fixture
async def client(server):
    c = await RelayClient(server.port).connect()
    yield c
    await c.close()
