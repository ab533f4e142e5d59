from decimal import Decimal

import pytest


def test_unknown_sku(cart):
    with pytest.raises(KeyError):
        cart.add("NOPE-1")


def test_kitchen_only_cart(cart):
    cart.add("MUG-01", 2)
    assert cart.total() == Decimal("33.60")


def test_mixed_cart_total(cart):
    cart.add("TEA-01", 2)
    cart.add("KET-01")
    assert cart.subtotal() == Decimal("76.00")
    assert cart.tax() == Decimal("12.65")
