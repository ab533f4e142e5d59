from prefstore import Cluster, Node


def test_write_reaches_sync_replica(cluster):
    cluster.write("k", {"a": 1})
    assert cluster.lag() == {"db-1": 0, "db-2": 0, "db-3-eu": 1}


def test_replicate_catches_up(cluster):
    cluster.write("k", 1)
    cluster.write("k", 2)
    cluster.replicate()
    assert all(n.data["k"] == 2 for n in cluster.nodes)


def test_replayed_entry_is_ignored():
    node = Node("n")
    assert node.apply(1, "k", "v")
    assert not node.apply(1, "k", "other")
    assert node.data["k"] == "v"
