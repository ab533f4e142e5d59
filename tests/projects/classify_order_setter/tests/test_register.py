import pytest

from exporters import registry
from exporters.csvout import CsvExporter


def test_register_csv():
    registry.register("csv", CsvExporter)
    assert registry.create("csv").render([["a", "b"]]) == "a,b\n"


def test_unknown_name_is_refused():
    with pytest.raises(LookupError):
        registry.create("xlsx")
