import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from ledgerly.invoices import Invoice

_counter = iter(range(1, 10_000))


def make_invoice(customer="ACME GmbH", terms="NET30", issued=None, lines=None):
    if issued is None:
        issued = date(2026, 1, 5) + timedelta(days=random.randrange(300))
    return Invoice(
        number=f"INV-{next(_counter):05d}",
        customer=customer,
        issued=issued,
        terms=terms,
        lines=lines or [("2", "49.50"), ("1", "12.00")],
    )


@pytest.fixture
def invoice_factory():
    return make_invoice
