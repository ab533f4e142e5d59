from decimal import Decimal

import pytest

from reportfmt import format_amount, use_locale
from reportfmt.settings import LOCALES


def test_unknown_locale_rejected():
    with pytest.raises(ValueError):
        use_locale("xx_XX")


def test_group_separator_helper():
    from reportfmt.numbers import _group
    assert _group("1234567", "'") == "1'234'567"
    assert _group("999", ".") == "999"


def test_german_export_amounts():
    use_locale("de_DE", currency_symbol="EUR")
    assert format_amount(Decimal("1234567.891")) == "EUR 1.234.567,89"


def test_german_symbols():
    assert (LOCALES["de_DE"]["decimal"], LOCALES["de_DE"]["group"]) == (",", ".")


def test_us_export_amounts():
    use_locale("en_US", currency_symbol="$")
    assert format_amount(Decimal("-1234.5")) == "-$ 1,234.50"
