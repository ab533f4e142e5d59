import pytest

from conftest import stock_csv
from stockimport import ImportFailed
from stockimport.importer import parse_rows


def test_rows_are_normalised():
    rows = parse_rows(stock_csv(("bolt-m6 ", "A1", 40)))
    assert rows == [(2, "BOLT-M6", "A1", 40)]


def test_bad_quantity_reports_line():
    with pytest.raises(ImportFailed) as err:
        parse_rows(stock_csv(("BOLT-M6", "A1", 4), ("NUT-M6", "A2", "lots")))
    assert err.value.line == 3


def test_negative_quantity():
    with pytest.raises(ImportFailed):
        parse_rows(stock_csv(("BOLT-M6", "A1", -1)))
