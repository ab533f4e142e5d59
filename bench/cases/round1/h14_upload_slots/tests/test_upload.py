import threading
import time

import pytest

from mediaup import NoSlotAvailable, SlotPool, content_type_for


def test_content_types():
    assert content_type_for("A.PNG") == "image/png"
    assert content_type_for("notes.txt") == "application/octet-stream"


def test_slot_pool_times_out_when_full():
    pool = SlotPool(1, acquire_timeout=0.01)
    with pool.slot():
        with pytest.raises(NoSlotAvailable):
            with pool.slot():
                pass
    assert pool.in_use == 0


def test_single_upload(uploader, store):
    etag = uploader.upload("clip.mp4", b"\x00" * 64)
    assert store.objects["clip.mp4"][1] == "video/mp4"
    assert len(etag) == 32


def test_upload_many_respects_slot_limit(store):
    from mediaup import Uploader
    pool = SlotPool(2, acquire_timeout=5)
    results, errors = Uploader(store, pool).upload_many(
        [("p%d.jpg" % i, b"img%d" % i) for i in range(4)])
    assert len(results) == 4 and not errors
    assert pool.peak == 2


def test_avatar_upload_during_nightly_sync(uploader, store):
    sync = threading.Thread(target=uploader.upload_many,
                            args=([("backup-1.tar", b"a" * 4096), ("backup-2.tar", b"b" * 4096)],))
    sync.start()
    time.sleep(0.03)            # the user changes their avatar while the sync is running
    try:
        uploader.upload("avatar.png", b"\x89PNG")
    finally:
        sync.join()
    assert "avatar.png" in store.objects
