import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from slotbook import BookingDesk, SlotPlanner


@pytest.fixture
def planner():
    # Same proportions as production (15 min slots, 5 min lead) but scaled
    # down so the suite does not have to wait for real slots.
    return SlotPlanner(length=timedelta(seconds=1), min_lead=timedelta(milliseconds=300))


@pytest.fixture
def desk(planner):
    return BookingDesk(planner)
