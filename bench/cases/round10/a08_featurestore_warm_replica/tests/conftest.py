import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from featstore import CacheNode, FeatureClient

SNAPSHOT = {"user:42:orders_30d": 7, "user:42:avg_basket": 31.5, "user:7:orders_30d": 0}


@pytest.fixture
def warm_node():
    node = CacheNode(SNAPSHOT, load_time=(0, 0)).boot()
    node._ready.wait(1)
    return node


@pytest.fixture
def client(warm_node):
    return FeatureClient(warm_node, defaults={"avg_basket": 0.0, "orders_30d": 0})
