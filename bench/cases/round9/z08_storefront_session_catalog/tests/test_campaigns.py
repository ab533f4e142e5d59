from decimal import Decimal

import pytest

from storefront import Promotion


def test_promotion_bounds():
    with pytest.raises(ValueError):
        Promotion("BAD", "tea", 100)


def test_spring_tea_landing_page(catalog):
    page = catalog.apply_promotion(Promotion("SPRING20", "tea", 20))
    prices = {p.sku: p.price for p in page.in_category("tea")}
    assert prices == {"TEA-01": Decimal("6.80"), "TEA-02": Decimal("8.80")}


def test_rounding_half_up():
    assert Promotion("X", "tea", 15).discounted(Decimal("0.10")) == Decimal("0.09")
