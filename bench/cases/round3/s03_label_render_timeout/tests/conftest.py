import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from labelkit import FontCache, LabelService


@pytest.fixture(scope="session")
def fonts():
    cache = FontCache()
    cache.warm("dejavu", "mono")
    return cache


@pytest.fixture
def service(fonts):
    svc = LabelService(fonts)
    yield svc
    svc.close()
