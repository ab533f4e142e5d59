import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from snapkeep import MemoryStore, SnapshotManager, ThrottledPacker


@pytest.fixture
def store():
    return MemoryStore()


@pytest.fixture
def manager(store):
    return SnapshotManager(store, ThrottledPacker())


def make_volume(n_files, size):
    return {"etc/conf-%02d.ini" % i: (b"key%d=value\n" % i) * (size // 12) for i in range(n_files)}


@pytest.fixture
def small_volume():
    return make_volume(1, 600)


@pytest.fixture
def nginx_volume():
    # ~40 chunks of config, certificates and includes
    return make_volume(8, 25000)
