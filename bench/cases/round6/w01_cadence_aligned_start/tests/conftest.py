import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from cadence import ManualClock, Scheduler, SystemClock


@pytest.fixture
def manual_clock():
    return ManualClock(start=1_700_000_000.25)


@pytest.fixture
def scheduler(manual_clock):
    return Scheduler(manual_clock, tick=0.05)


@pytest.fixture
def live_scheduler():
    return Scheduler(SystemClock(), tick=0.02)


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, label):
        def job():
            self.calls.append(label)
        return job


@pytest.fixture
def recorder():
    return Recorder()
