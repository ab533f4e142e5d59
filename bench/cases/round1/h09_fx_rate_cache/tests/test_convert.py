from decimal import Decimal

import pytest

from fxconv import UnknownPair, convert, format_money


def test_same_currency_is_identity():
    assert convert("19.99", "EUR", "eur") == Decimal("19.99")


def test_inverse_rate():
    assert convert(127, "USD", "GBP") == Decimal("100.00")


def test_triangulated_through_usd():
    assert convert(100, "GBP", "JPY") == Decimal("19202")


def test_unknown_currency():
    with pytest.raises(UnknownPair):
        convert(1, "EUR", "XAU")


def test_negotiated_partner_rate_quote():
    # Partner contract fixes EUR->USD at 1.10 for this quote.
    assert convert(1000, "EUR", "USD", overrides={("EUR", "USD"): "1.10"}) == Decimal("1100.00")


def test_format_money():
    assert format_money(Decimal("1234567.5"), "USD") == "USD 1,234,567.50"
    assert format_money(Decimal("1500"), "JPY") == "JPY 1,500"
