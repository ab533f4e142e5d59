from decimal import Decimal

from invoicing import FxTable, convert


def test_usd_conversion(fx):
    assert convert("100.00", fx, "USD") == Decimal("108.41")


def test_base_currency_identity(fx):
    assert convert("12.34", fx, "EUR") == Decimal("12.34")
