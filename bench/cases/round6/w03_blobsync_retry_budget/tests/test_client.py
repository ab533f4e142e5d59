import hashlib

import pytest

from blobsync import RetryPolicy, StorageError, Unavailable
from blobsync.retry import call_with_retry


def test_put_returns_digest(client, store):
    digest = client.put("avatars/1.png", b"\x89PNG-data")
    assert digest == hashlib.sha256(b"\x89PNG-data").hexdigest()
    assert store.blobs["avatars/1.png"] == b"\x89PNG-data"


def test_stat_missing_blob_is_an_error(client):
    with pytest.raises(StorageError):
        client.get_digest("nope")


def test_delete_then_stat(client):
    client.put("tmp/x", b"x")
    client.delete("tmp/x")
    with pytest.raises(StorageError):
        client.get_digest("tmp/x")


def test_policy_delays_double_and_cap():
    policy = RetryPolicy(attempts=5, base_delay=0.1, max_delay=0.3)
    assert list(policy.delays()) == [0.1, 0.2, 0.3, 0.3]


def test_non_transient_errors_are_not_retried():
    calls = []

    def fn():
        calls.append(1)
        raise StorageError("bad request")

    with pytest.raises(StorageError):
        call_with_retry(fn, RetryPolicy(3, 0.0, 0.0), lambda e: isinstance(e, Unavailable))
    assert len(calls) == 1


def test_upload_survives_store_restart(client, store):
    client.put("docs/a.txt", b"first")
    store.restart()
    client.put("docs/b.txt", b"second")
    assert sorted(store.blobs) == ["docs/a.txt", "docs/b.txt"]
