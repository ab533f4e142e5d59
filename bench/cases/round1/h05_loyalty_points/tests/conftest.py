import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from loyalty import PointsLedger, StaticPromotions


class RemotePromotions(StaticPromotions):
    """Promotions service double: same answers, with an HTTP round trip."""

    def __init__(self):
        self.calls = 0

    def multiplier(self, member, tier):
        self.calls += 1
        time.sleep(0.005)
        return super().multiplier(member, tier)


@pytest.fixture
def ledger():
    return PointsLedger()


@pytest.fixture
def live_ledger():
    return PointsLedger(promotions=RemotePromotions())
