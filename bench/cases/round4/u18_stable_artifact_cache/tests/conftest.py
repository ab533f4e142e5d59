import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from artcache.server import CacheServer  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def server(tmp_path):
    srv = CacheServer(tmp_path / "cache").start()
    yield srv
    srv.stop()
