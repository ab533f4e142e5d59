import time

import pytest

from featstore import CacheNode, FeatureClient, Warming
from featstore.retrying import retry_until

from conftest import SNAPSHOT


def test_reads_from_warm_node(client):
    assert client.features("user:42", ["orders_30d"]) == {"orders_30d": 7}


def test_missing_feature_uses_default(client):
    assert client.features("user:7", ["avg_basket"]) == {"avg_basket": 0.0}


def test_vector_is_float(client):
    assert client.vector("user:42", ["orders_30d", "avg_basket"]) == [7.0, 31.5]


def test_cold_node_refuses_reads():
    with pytest.raises(Warming):
        CacheNode(SNAPSHOT).get("user:42:orders_30d")


def test_retry_gives_up_after_budget():
    calls = []

    @retry_until(budget=0.05, pause=0.01, on=(KeyError,))
    def always_missing():
        calls.append(time.monotonic())
        raise KeyError("x")

    with pytest.raises(KeyError):
        always_missing()
    assert 3 <= len(calls) <= 7


def test_scoring_right_after_node_restart():
    node = CacheNode(SNAPSHOT).boot()
    client = FeatureClient(node, defaults={"avg_basket": 0.0})
    assert client.features("user:42", ["orders_30d", "avg_basket"]) == {
        "orders_30d": 7, "avg_basket": 31.5}
