import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from gridmeter.clock import FixedClock, SystemClock
from gridmeter.readings import ReadingBuffer


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 3, 29, 0, 59, 59, tzinfo=timezone.utc))


@pytest.fixture
def buffer(clock):
    return ReadingBuffer(clock)


@pytest.fixture
def live_buffer():
    return ReadingBuffer(SystemClock())
