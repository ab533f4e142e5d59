from decimal import Decimal

from invoicing.money import parse_amount, to_cents


def test_parse_german_amounts():
    assert parse_amount("1.234,56") == Decimal("1234.56")


def test_to_cents_rounds_half_up():
    assert to_cents("2.345") == Decimal("2.35")
