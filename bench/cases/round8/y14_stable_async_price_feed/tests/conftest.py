import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from pricefeed.client import QuoteClient
from pricefeed.server import QuoteServer


@pytest.fixture
async def venues():
    servers = [
        await QuoteServer({"ACME": 101.5, "GLOBX": 22.0, "INIT": 7.75}).start(),
        await QuoteServer({"ACME": 101.25, "GLOBX": 22.5}).start(),
    ]
    yield servers
    for s in servers:
        await s.stop()


@pytest.fixture
async def clients(venues):
    cs = [await QuoteClient(s.port).connect() for s in venues]
    yield cs
    for c in cs:
        await c.close()
