import pytest

from shardpool.routing import shard_for, split


def test_numeric_tenants_spread_evenly():
    assert split(range(6), 3) == {0: [0, 3], 1: [1, 4], 2: [2, 5]}


def test_routing_is_stable_within_process():
    assert shard_for("tenant-acme", 4) == shard_for("tenant-acme", 4)


def test_single_shard_takes_everything():
    assert set(split(["a", "b", "c"], 1)) == {0}


def test_zero_shards_rejected():
    with pytest.raises(ValueError):
        shard_for(1, 0)
