import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from invoicing import FxTable, Invoice


@pytest.fixture
def fx():
    return FxTable().load([("USD", "1.08412"), ("CHF", "0.94375"), ("JPY", "162.871")])


@pytest.fixture
def small_invoice():
    return Invoice("2026-0001").add("Consulting", "2", "450.00").add("Book", "1", "39.90", vat="reduced")
