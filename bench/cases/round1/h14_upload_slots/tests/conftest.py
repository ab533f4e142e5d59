import hashlib
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from mediaup import SlotPool, Uploader


class FakeObjectStore:
    """Object store double: put is quick, cross-region replication is not."""

    def __init__(self):
        self.objects = {}
        self._lock = threading.Lock()

    def put(self, name, data, content_type):
        time.sleep(0.005)
        with self._lock:
            self.objects[name] = (data, content_type)
        return hashlib.md5(data).hexdigest()

    def wait_visible(self, name, etag):
        time.sleep(random.uniform(0.02, 0.25))     # replication lag


@pytest.fixture
def store():
    return FakeObjectStore()


@pytest.fixture
def slots():
    return SlotPool(size=2, acquire_timeout=0.08)


@pytest.fixture
def uploader(store, slots):
    return Uploader(store, slots)
