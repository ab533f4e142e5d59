import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from decimal import Decimal

import pytest

from fxpricing import Line, RateCache, Refresher, StaticProvider

RATES = {"USD": "1.0850", "GBP": "0.8575", "JPY": "162.40", "CHF": "0.9480"}


@pytest.fixture
def provider():
    return StaticProvider(RATES)


@pytest.fixture
def rates(provider):
    cache = RateCache(provider)
    cache.refresh()
    return cache


@pytest.fixture
def live_rates(rates):
    refresher = Refresher(rates).start()
    yield rates
    refresher.stop()


@pytest.fixture
def big_cart():
    currencies = ["USD", "GBP", "EUR", "CHF"]
    return [Line(f"{'BOOK' if i % 3 == 0 else 'GADGET'}-{i}", 1 + i % 2,
                 Decimal("9.99") + i, currencies[i % 4]) for i in range(40)]
