import pytest

from snapkeep import IntegrityError


def test_take_records_files(manager, small_volume):
    m = manager.take("vol-a", small_volume)
    assert m.volume == "vol-a"
    assert m.files == tuple(sorted(small_volume))
    assert m.size > 0


def test_restore_roundtrip(manager, small_volume):
    m = manager.take("vol-b", small_volume)
    files = manager.restore(m.label)
    assert files == small_volume


def test_tampered_blob_is_rejected(manager, store, small_volume):
    m = manager.take("vol-c", small_volume)
    store._blobs[m.label] = store._blobs[m.label][:-1] + b"\x00"
    with pytest.raises(IntegrityError):
        manager.verify(m.label)


def test_full_nginx_snapshot_verifies(manager, nginx_volume):
    m = manager.take("nginx", nginx_volume)
    checked = manager.verify(m.label)
    assert checked.checksum == m.checksum
    assert checked.files == tuple(sorted(nginx_volume))


def test_history_filters_by_volume(manager, store, small_volume):
    manager.take("vol-d", small_volume)
    manager.take("vol-e", small_volume)
    assert [m.volume for m in manager.history("vol-d")] == ["vol-d"]
