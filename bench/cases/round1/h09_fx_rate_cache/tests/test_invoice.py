from decimal import Decimal

from fxconv import Invoice, get_rate, known_currencies


def test_known_currencies():
    assert known_currencies() == ["CHF", "EUR", "GBP", "JPY", "SEK", "USD"]


def test_single_currency_invoice():
    inv = Invoice("CHF").add_line("hosting", "49.90", "chf").add_line("support", 10, "CHF")
    assert inv.total() == Decimal("59.90")


def test_rate_is_memoised():
    assert get_rate("USD", "SEK") is get_rate("usd", "sek")


def test_mixed_currency_invoice_in_usd():
    inv = (Invoice("USD")
           .add_line("conference tickets", 250, "EUR")
           .add_line("hotel", 300, "GBP")
           .add_line("taxi", 42, "USD"))
    assert inv.total() == Decimal("693.00")


def test_jpy_invoice_has_no_minor_units():
    inv = Invoice("JPY").add_line("licence", "99.99", "USD")
    assert inv.total() == Decimal("15118")
