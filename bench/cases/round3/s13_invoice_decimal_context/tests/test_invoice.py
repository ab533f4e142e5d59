from decimal import Decimal

from invoicing import FxTable, Invoice, convert


def test_invoice_for_us_customer(small_invoice):
    table = FxTable().load([("USD", "1.0841249")], feed_precision=6)
    assert table.rate("USD") == Decimal("1.08412")
    assert convert(small_invoice.gross_total(), table, "USD") == Decimal("1207.37")


def test_net_total(small_invoice):
    assert small_invoice.net_total() == Decimal("939.90")


def test_vat_split(small_invoice):
    assert small_invoice.vat_total() == Decimal("173.79")


def test_empty_invoice_is_zero():
    assert Invoice("x").gross_total() == Decimal("0.00")


def test_fleet_contract_totals():
    inv = Invoice("2026-0420")
    inv.add("Truck lease, 12 months", "14", "48215.37")
    inv.add("Maintenance plan", "14", "3120.55")
    assert inv.net_total() == Decimal("718702.88")
    assert inv.gross_total() == Decimal("855256.43")
