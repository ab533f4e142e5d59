import json

import pytest

from reportkit.exporters import load_exporter


def test_unknown_format():
    with pytest.raises(ValueError):
        load_exporter("xlsx")


def test_json_payload(service, sales_report, output_dir):
    path = service.export(sales_report, fmt="json")
    data = json.loads(path.read_text())
    assert data["rows"][1] == {"region": "south", "orders": 98, "revenue": 8120.0}


def test_slug(sales_report):
    assert sales_report.slug() == "weekly-sales"
