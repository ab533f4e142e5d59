import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

LOREM = ("The quarterly report covers revenue, churn and the new onboarding flow. "
         "Numbers are preliminary until the audit closes; treat them as estimates.")


@pytest.fixture
def manuscript(tmp_path):
    paras = [f"Section {i}. " + LOREM for i in range(220)]
    p = tmp_path / "q3-report.txt"
    p.write_text("\n\n".join(paras), encoding="utf-8")
    return p


@pytest.fixture
def memo(tmp_path):
    p = tmp_path / "memo.txt"
    p.write_text("Lunch is moved to 1pm.\n\nBring your badge.", encoding="utf-8")
    return p
