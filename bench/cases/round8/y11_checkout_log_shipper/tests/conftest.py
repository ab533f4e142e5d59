import itertools
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from storefront import logship
from storefront.collector import LogCollector


class FakePayments:
    def __init__(self):
        self._ids = itertools.count(5001)
        self.charges = []

    def charge(self, amount):
        self.charges.append(amount)
        return f"PAY-{next(self._ids)}"


@pytest.fixture
def collector():
    c = LogCollector()
    handler = logship.install(c)
    yield c
    logship.uninstall(handler)


@pytest.fixture
def payments():
    return FakePayments()


@pytest.fixture
def catalogue():
    return {"SKU-KETTLE": Decimal("39.00"), "SKU-FILTER": Decimal("4.50"), "SKU-BEANS": Decimal("12.90")}


@pytest.fixture
def ledger():
    return [{"order": f"O-{n}", "booked": "10.00", "settled": "10.00" if n % 3 else "9.50"}
            for n in range(1, 9)]
