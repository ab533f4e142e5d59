import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from stockd.reservations import ReservationService
from stockd.store import WarehouseStore


@pytest.fixture
def store():
    return WarehouseStore({"MUG-BLUE": 10, "MUG-RED": 4, "TEE-M": 2})


@pytest.fixture
def service(store):
    return ReservationService(store)


@pytest.fixture
def remote_store():
    """Store with the warehouse DB's round-trip time from the sale region."""
    return WarehouseStore({"LAMP-OAK": 50, "LAMP-ASH": 50}, latency=(0.002, 0.01))
