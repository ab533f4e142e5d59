import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from eventsink import BatchWriter, WarehouseSink
from eventsink.tracking import Tracker


@pytest.fixture
def sink():
    return WarehouseSink()


@pytest.fixture
def writer(sink):
    w = BatchWriter(sink)
    yield w
    if not w._closed:
        w.close()


@pytest.fixture
def tracker(writer):
    return Tracker(writer)
