import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from respcache import ResponseCache


@pytest.fixture
def cache():
    return ResponseCache()


@pytest.fixture
def fetched(cache):
    """Simulate a client that just fetched the product feed (1 s lifetime)."""
    def _fetch(url, body=b"[]", etag='"v1"'):
        return cache.store(url, 200, body, {"Cache-Control": "public, max-age=1", "ETag": etag})
    return _fetch
