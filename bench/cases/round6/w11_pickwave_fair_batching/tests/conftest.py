import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from pickwave import Order, OrderLine


@pytest.fixture
def make_order():
    def make(order_id, customer, service="standard", units=5, zone="A"):
        return Order(order_id, customer, service, [OrderLine(f"SKU-{order_id}", units, zone)])
    return make
