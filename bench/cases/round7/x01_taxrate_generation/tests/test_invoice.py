from decimal import Decimal

import pytest

from invoicing import Invoice
from invoicing.rates import UnknownRate


def test_standard_and_reduced_rates_are_split():
    inv = Invoice("INV-1", "DE").add("Licence", 1, "100.00").add("Book", 2, "10.00", "books")
    assert inv.tax_breakdown() == {Decimal("0.07"): Decimal("1.40"), Decimal("0.19"): Decimal("19.00")}
    assert inv.gross_total == Decimal("140.40")


def test_line_net_rounds_half_up():
    inv = Invoice("INV-2", "NL").add("Widget", 3, "0.335")
    assert inv.net_total == Decimal("1.01")


def test_unknown_country_is_rejected():
    inv = Invoice("INV-3", "XX").add("Licence", 1, "10.00")
    with pytest.raises(UnknownRate):
        inv.tax_total


def test_french_reduced_rate():
    inv = Invoice("INV-4", "FR").add("Book", 1, "20.00", "books")
    assert inv.tax_total == Decimal("1.10")
