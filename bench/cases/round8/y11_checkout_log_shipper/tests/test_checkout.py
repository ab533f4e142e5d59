import threading
import time
from decimal import Decimal

from storefront.checkout import checkout, price
from storefront.reconcile import reconcile


def test_price_sums_lines(catalogue):
    assert price({"SKU-KETTLE": 1, "SKU-FILTER": 2}, catalogue) == Decimal("48.00")


def test_checkout_charges_total(collector, catalogue, payments):
    result = checkout({"SKU-BEANS": 2}, catalogue, payments)
    assert payments.charges == [Decimal("25.80")]
    assert result["ref"] == "PAY-5001"


def test_checkout_is_logged(collector, catalogue, payments):
    checkout({"SKU-BEANS": 1}, catalogue, payments)
    assert any(l.startswith("INFO storefront.checkout checkout complete") for l in collector.lines)


def test_reconcile_counts_mismatches(collector, ledger):
    assert reconcile(ledger) == 2


def test_checkout_during_reconciliation(collector, catalogue, payments, ledger):
    job = threading.Thread(target=reconcile, args=(ledger,))
    job.start()
    time.sleep(0.03)
    try:
        result = checkout({"SKU-KETTLE": 1}, catalogue, payments)
    finally:
        job.join()
    assert result["total"] == Decimal("39.00")
