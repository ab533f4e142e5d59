import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from warehouse import HoldJournal, StockLedger


@pytest.fixture
def journal():
    return HoldJournal()


@pytest.fixture
def ledger(journal):
    led = StockLedger(journal)
    led.add_sku("MUG-01", 100)
    led.add_sku("TEE-XL", 5)
    return led


def place_orders(ledger, sku, count, qty=1, prefix="o"):
    for i in range(count):
        ledger.reserve(f"{prefix}{i}", sku, qty)
