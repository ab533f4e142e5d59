import csv


def test_adhoc_csv_has_header(service, sales_report, output_dir):
    path = service.export(sales_report)
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["region", "orders", "revenue"]
    assert len(rows) == 3


def test_adhoc_history_recorded(service, sales_report, output_dir):
    service.export(sales_report, fmt="json")
    assert service.history[0][0] == "Weekly Sales"


def test_report_rejects_short_row(sales_report):
    import pytest

    with pytest.raises(ValueError):
        sales_report.add("east", 5)
