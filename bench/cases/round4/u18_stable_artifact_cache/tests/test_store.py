import random
import threading
import uuid

from artcache.store import BlobStore, digest


def test_put_get_roundtrip(tmp_path):
    store = BlobStore(tmp_path)
    key = store.put(b"wheel")
    assert key == digest(b"wheel") and store.get(key) == b"wheel"


def test_concurrent_puts_of_same_blob(tmp_path):
    store = BlobStore(tmp_path)
    data = uuid.uuid4().bytes * 1000
    keys = []
    threads = [threading.Thread(target=lambda: keys.append(store.put(data))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(keys) == {digest(data)}
    assert store.keys() == [digest(data)]
    assert store.get(digest(data)) == data


def test_keys_are_sorted_whatever_the_insert_order(tmp_path):
    store = BlobStore(tmp_path)
    blobs = [f"obj-{i}".encode() for i in range(12)]
    random.shuffle(blobs)
    for b in blobs:
        store.put(b)
    assert store.keys() == sorted(digest(b) for b in blobs)
