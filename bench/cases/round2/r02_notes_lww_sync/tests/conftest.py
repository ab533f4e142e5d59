import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from notesync import Replica, reconcile


@pytest.fixture
def laptop():
    return Replica("laptop")


@pytest.fixture
def phone():
    return Replica("phone")


@pytest.fixture
def synced(laptop, phone):
    laptop.create("n1", "Groceries", "milk")
    laptop.create("n2", "Ideas", "")
    reconcile(laptop, phone)
    return laptop, phone
