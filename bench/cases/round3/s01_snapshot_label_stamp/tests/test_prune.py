from snapkeep import Manifest


def _fake(store, volume, created):
    label = "%s@%s" % (volume, created)
    store.put(label, b"", Manifest(label, volume, created, 0, "x", ()))


def test_prune_keeps_newest(manager, store):
    for ts in ("20261201T010000Z", "20261202T010000Z", "20261203T010000Z"):
        _fake(store, "db", ts)
    removed = manager.prune("db", keep=1)
    assert removed == ["db@20261201T010000Z", "db@20261202T010000Z"]
    assert store.labels() == ["db@20261203T010000Z"]


def test_prune_other_volume_untouched(manager, store):
    _fake(store, "db", "20261201T010000Z")
    _fake(store, "web", "20261130T010000Z")
    manager.prune("db", keep=0)
    assert store.labels() == ["web@20261130T010000Z"]
