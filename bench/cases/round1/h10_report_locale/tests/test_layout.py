from reportfmt.table import render_table
from reportfmt.settings import FormatSettings, LOCALES


def test_default_settings_object():
    s = FormatSettings()
    assert (s.locale, s.decimals, s.currency_symbol) == ("en_US", 2, "$")


def test_all_locales_have_symbols():
    for name, symbols in LOCALES.items():
        assert set(symbols) == {"decimal", "group", "date"}, name


def test_table_header_only():
    assert render_table([]).splitlines() == ["Item  Amount", "----  ------"]


def test_locale_date_formats_differ():
    assert LOCALES["en_US"]["date"] != LOCALES["en_GB"]["date"]
