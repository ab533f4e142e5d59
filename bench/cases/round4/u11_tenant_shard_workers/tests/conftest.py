import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from shardpool.pool import ShardPool  # noqa: E402


@pytest.fixture(scope="module")
def pool():
    p = ShardPool(size=2).start()
    yield p
    p.close()
