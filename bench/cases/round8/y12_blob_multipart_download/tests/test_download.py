import pytest

from blobfetch.download import download, download_to
from blobfetch.remote import ObjectMissing
from blobfetch.verify import ChecksumMismatch, verify_sha256


def test_small_object_single_read(store):
    data = download(store, "avatars/u42.png")
    assert len(data) == 20_000
    assert store.range_reads == 1


def test_missing_object(store):
    with pytest.raises(ObjectMissing):
        download(store, "nope")


def test_verify_detects_corruption():
    with pytest.raises(ChecksumMismatch):
        verify_sha256(b"abc", "0" * 64)


def test_backup_restore_downloads_in_parts(store, tmp_path):
    n = download_to(store, "backups/site-2026-12-06.tar", tmp_path / "site.tar")
    assert n == 96 * 1024 * 2 + 40_000
    assert store.range_reads == 3
