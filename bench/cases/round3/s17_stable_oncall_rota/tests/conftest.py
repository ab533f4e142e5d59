import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from datetime import datetime, timezone

import pytest

from rota import FixedClock, Rota, RotaStore

MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
TEAM = ["amir", "bea", "chen", "dana"]


@pytest.fixture
def clock():
    return FixedClock(MONDAY)


@pytest.fixture
def rota(clock):
    return Rota(TEAM, MONDAY, weeks=8, clock=clock, seed=7)


@pytest.fixture
def store(tmp_path):
    return RotaStore(str(tmp_path / "rotas"))
