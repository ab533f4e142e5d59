import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from thumbs.cache import AccessLog, ThumbnailCache
from thumbs.gallery import GalleryService


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def access_log(tmp_path):
    return AccessLog(tmp_path / "access.log")


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def cache(access_log, clock):
    return ThumbnailCache(ttl=30, access_log=access_log, clock=clock)


@pytest.fixture
def live_cache(access_log):
    """Cache on the real monotonic clock with the production-like short TTL."""
    return ThumbnailCache(ttl=0.02, access_log=access_log)


@pytest.fixture
def gallery(cache):
    return GalleryService(cache)
