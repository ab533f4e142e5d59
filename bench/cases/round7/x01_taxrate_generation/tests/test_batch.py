from decimal import Decimal

from invoicing import InvoiceBatch, rates


def test_batch_renders_every_invoice(german_invoices):
    batch = InvoiceBatch(german_invoices).run()
    assert [name for name, _ in batch.rendered] == [
        "INV-2026-0001.pdf", "INV-2026-0002.pdf", "INV-2026-0003.pdf"]


def test_batch_fetches_rate_table_once(german_invoices):
    InvoiceBatch(german_invoices).run()
    assert rates.fetch_counts["DE"] == 1


def test_grand_total(german_invoices):
    batch = InvoiceBatch(german_invoices[:1]).run()
    assert batch.grand_total() == Decimal("478.84")
