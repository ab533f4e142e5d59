import asyncio
import itertools
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from shopcart import Cart, PaymentDeclined


class FakeCatalog:
    PRICES = {"pen": Decimal("2.50"), "notebook": Decimal("6.00"), "ink": Decimal("4.25")}

    async def price(self, sku):
        await asyncio.sleep(random.uniform(0.01, 0.05))   # pricing service round trip
        return self.PRICES[sku]


class FakePayments:
    def __init__(self, limit=Decimal("100")):
        self.limit = limit
        self.charged = []
        self._ids = itertools.count(1)

    async def charge(self, amount, currency):
        await asyncio.sleep(0.02)                          # PSP round trip
        if amount > self.limit:
            raise PaymentDeclined(str(amount))
        self.charged.append((amount, currency))
        return "rcpt-%d" % next(self._ids)


@pytest.fixture
def payments():
    return FakePayments()


@pytest.fixture
def cart(payments):
    return Cart(FakeCatalog(), payments)
