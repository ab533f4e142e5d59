import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from parkmeter.sessions import SessionBook  # noqa: E402
from parkmeter.tariff import Tariff  # noqa: E402


class ManualClock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def tariff():
    return Tariff()


@pytest.fixture
def clock():
    # 10:00 Berlin time on a weekday, fixed
    return ManualClock(datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def book(tariff, clock):
    return SessionBook(tariff, clock=clock)
