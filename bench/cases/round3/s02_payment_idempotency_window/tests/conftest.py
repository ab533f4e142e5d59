import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from paydesk import Checkout, FakeGateway


@pytest.fixture
def gateway():
    return FakeGateway()


@pytest.fixture
def checkout(gateway):
    return Checkout(gateway)


@pytest.fixture
def fast_checkout(gateway):
    return Checkout(gateway, sleep=lambda s: None)


@pytest.fixture
def cart():
    return {"id": "cart-881", "lines": [
        {"sku": "mug", "qty": 2, "unit_cents": 1250},
        {"sku": "tea", "qty": 1, "unit_cents": 899},
    ]}
