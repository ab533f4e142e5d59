import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from sessionvault import Janitor, ManualClock, SessionStore


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def store(tmp_path, clock):
    return SessionStore(tmp_path, clock, ttl=60)


@pytest.fixture
def janitor(store):
    j = Janitor(store).start()
    yield j
    j.stop()
