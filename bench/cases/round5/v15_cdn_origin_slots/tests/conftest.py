import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from edgecache.fetcher import OriginFetcher
from edgecache.origin import OriginServer
from edgecache.proxy import ImageProxy


@pytest.fixture
def origin():
    return OriginServer()


@pytest.fixture
def fetcher(origin):
    return OriginFetcher(origin, max_concurrent=2)


@pytest.fixture
def slow_origin():
    return OriginServer(latency=(0.01, 0.05), static_latency=(0.005, 0.025))


@pytest.fixture
def proxy(slow_origin):
    return ImageProxy(OriginFetcher(slow_origin, max_concurrent=2), workers=2)


def product_page(sku):
    return [
        "/static/logo.svg",
        f"/img/{sku}/front.jpg",
        "/static/logo.svg",
        f"/img/{sku}/detail.jpg",
    ]
