import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from catalogsearch import FederatedSearch, Shard


@pytest.fixture
def shards():
    live = Shard("live-eu", {
        "SKU-100": "Trail running shoe",
        "SKU-101": "Road running shoe",
        "SKU-102": "Running socks",
    })
    outlet = Shard("outlet", {
        "SKU-200": "Trail running shoe last season",
        "SKU-201": "Hiking boot",
    })
    # archived products live on the cold-storage index
    archive = Shard("archive", {
        "SKU-900": "Classic leather hiking boot",
        "SKU-901": "Vintage running jacket",
    }, latency=(0.04, 0.16))
    return [live, outlet, archive]


@pytest.fixture
def search(shards):
    engine = FederatedSearch(shards)
    yield engine
    engine.close()
