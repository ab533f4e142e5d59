from datetime import date
from decimal import Decimal

from ledgerly.businessdays import is_business_day
from ledgerly.invoices import payment_schedule


def test_invoice_total(invoice_factory):
    inv = invoice_factory(lines=[("3", "2.50"), ("1", "0.99")])
    assert inv.total == Decimal("8.49")


def test_business_terms(invoice_factory):
    inv = invoice_factory(terms="10BD", issued=date(2026, 3, 6))
    assert inv.due == date(2026, 3, 20)


def test_treasury_run_only_lands_on_business_days(invoice_factory):
    invoices = [invoice_factory(customer=c, terms=t) for c, t in
                [("ACME GmbH", "NET30"), ("Birch & Co", "NET15"), ("Calder Ltd", "NET45")]]
    schedule = payment_schedule(invoices)
    assert sum(len(v) for v in schedule.values()) == 3
    for day in schedule:
        assert is_business_day(day), f"payment run scheduled on {day:%A %Y-%m-%d}"


def test_schedule_is_sorted(invoice_factory):
    invs = [invoice_factory(issued=date(2026, 6, d)) for d in (10, 2, 20)]
    days = list(payment_schedule(invs))
    assert days == sorted(days)
