from decimal import Decimal

import pytest

from fxpricing import UnknownCurrency


def test_same_currency_is_identity(rates):
    assert rates.convert(Decimal("10.005"), "USD", "USD") == Decimal("10.00")


def test_cross_rate_via_eur(rates):
    assert rates.convert(Decimal("108.50"), "USD", "EUR") == Decimal("100.00")
    assert rates.convert(Decimal("100"), "EUR", "JPY") == Decimal("16240.00")


def test_unknown_currency(rates):
    with pytest.raises(UnknownCurrency):
        rates.convert(Decimal(1), "EUR", "XAU")


def test_refresh_picks_up_new_rate(rates, provider):
    provider.set_rate("USD", "1.1000")
    rates.refresh()
    assert rates.convert(Decimal("100"), "EUR", "USD") == Decimal("110.00")
    assert rates.version == 2
