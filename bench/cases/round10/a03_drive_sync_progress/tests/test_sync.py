import pytest

from drivesync import BlockStore, FolderSync, TransferStats, Uploader
from drivesync.transport import TransientError
from drivesync.uploader import split_parts


def test_split_parts_sizes():
    parts = split_parts(b"x" * 100, size=40)
    assert [len(p) for p in parts] == [40, 40, 20]


def test_empty_file_is_one_part():
    assert split_parts(b"") == [b""]


def test_upload_counts_parts(uploader, store):
    assert uploader.upload("a.bin", b"z" * (40 * 1024)) == 3
    assert uploader.stats.snapshot()["parts"] == 3
    assert len(store.blocks) == 3


def test_retry_on_transient_error():
    store = BlockStore(round_trip=0.001, fail_every=2)
    up = Uploader(store, part_size=10)
    up.upload("b.bin", b"y" * 30)
    assert up.stats.retries >= 1
    assert up.stats.acked_bytes == 30


def test_gives_up_after_attempts():
    store = BlockStore(round_trip=0.001, fail_every=1)
    up = Uploader(store, attempts=2)
    with pytest.raises(TransientError):
        up.upload("c.bin", b"q")
    assert up.stats.errors and up.stats.errors[0][0] == "c.bin"


def test_hidden_files_are_not_synced(uploader, settings_dir):
    sync = FolderSync(uploader, settings_dir, splay=0.0).start()
    sync._thread.join(2)
    assert sync.synced == ["prefs.json"]


def test_session_totals_include_background_sync(uploader, settings_dir):
    sync = FolderSync(uploader, settings_dir).start()
    video = bytes(range(256)) * 256
    uploader.upload("videos/clip.mp4", video)
    sync._thread.join(2)
    expected = len(video) + (settings_dir / "prefs.json").stat().st_size
    assert uploader.stats.snapshot()["acked_bytes"] == expected
