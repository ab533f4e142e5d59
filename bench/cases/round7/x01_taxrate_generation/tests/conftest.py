import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from invoicing import Invoice, rates


@pytest.fixture(autouse=True)
def fresh_rates():
    rates.reset()
    yield
    rates.reset()


@pytest.fixture
def german_invoices():
    out = []
    for n in range(3):
        inv = Invoice("INV-2026-%04d" % (n + 1), "DE")
        inv.add("Consulting hours", 4 + n, "95.00")
        inv.add("Handbook", 1, "24.90", category="books")
        out.append(inv)
    return out
