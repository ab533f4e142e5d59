import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from linkcheck import LinkChecker, SiteServer

SITE = {
    "/": ["/docs", "/blog", "/about"],
    "/docs": ["/docs/install", "/docs/api", "/"],
    "/docs/install": ["/docs", "/downloads"],
    "/docs/api": ["/docs", "/docs/old-api"],
    "/blog": ["/blog/2026/launch", "/"],
    "/blog/2026/launch": ["/docs/install", "/pricing"],
    "/about": ["/"],
    "/downloads": [],
    "/pricing": ["/"],
}


@pytest.fixture
async def site():
    server = await SiteServer(SITE).start()
    yield server
    await server.stop()


@pytest.fixture
def checker(site):
    return LinkChecker(site.port)
