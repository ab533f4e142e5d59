import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from datetime import datetime, timezone

import pytest

from shiftlog import FixedClock, NoteStore, SystemClock


@pytest.fixture
def fixed_clock():
    return FixedClock(datetime(2026, 3, 29, 0, 30, tzinfo=timezone.utc))


@pytest.fixture
def store(tmp_path):
    return NoteStore(str(tmp_path / "notes"), SystemClock())


@pytest.fixture
def fixed_store(tmp_path, fixed_clock):
    return NoteStore(str(tmp_path / "fixed"), fixed_clock)
