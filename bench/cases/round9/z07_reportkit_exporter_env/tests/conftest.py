import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from datetime import date

import pytest

from reportkit import Report, ReportService


@pytest.fixture
def service():
    return ReportService()


@pytest.fixture
def sales_report():
    report = Report("Weekly Sales", ["region", "orders", "revenue"], as_of=date(2026, 3, 2))
    report.add("north", 120, 10450.5)
    report.add("south", 98, 8120.0)
    return report


@pytest.fixture
def output_dir(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setenv("REPORTKIT_OUTPUT", str(out))
    return out
