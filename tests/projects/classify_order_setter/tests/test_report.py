from exporters import registry


def test_quarter_rows_are_strings():
    rows = [["q1", str(10)]]
    assert all(isinstance(v, str) for r in rows for v in r)


def test_quarterly_report_as_csv():
    exporter = registry.create("csv", delimiter=";")  # @cause
    assert exporter.render([["q1", "10"]]) == "q1;10\n"
