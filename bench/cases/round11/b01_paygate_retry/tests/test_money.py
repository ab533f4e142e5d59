import pytest

from paygate import Money, parse_amount


def test_parse_rounds_half_up():
    assert parse_amount("10.005", "EUR") == Money(1001, "EUR")


def test_parse_zero_decimal_currency():
    assert parse_amount("1,200", "JPY") == Money(1200, "JPY")


def test_format_keeps_minor_digits():
    assert Money(1999, "CHF").format() == "19.99 CHF"


def test_adding_different_currencies_fails():
    with pytest.raises(ValueError):
        Money(100, "EUR") + Money(100, "USD")
