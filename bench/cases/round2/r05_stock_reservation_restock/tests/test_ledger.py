import pytest

from conftest import place_orders
from warehouse import OutOfStock


def test_reserve_moves_stock_to_reserved(ledger):
    ledger.reserve("o1", "MUG-01", 3)
    level = ledger.level("MUG-01")
    assert (level.available, level.reserved) == (97, 3)


def test_cannot_oversell(ledger):
    place_orders(ledger, "TEE-XL", 5)
    with pytest.raises(OutOfStock):
        ledger.reserve("late", "TEE-XL", 1)


def test_cancel_returns_stock(ledger, journal):
    ledger.reserve("o1", "TEE-XL", 2)
    ledger.cancel("o1")
    assert ledger.level("TEE-XL").available == 5
    assert journal.active() == []


def test_duplicate_sku_rejected(ledger):
    with pytest.raises(ValueError):
        ledger.add_sku("MUG-01", 1)
