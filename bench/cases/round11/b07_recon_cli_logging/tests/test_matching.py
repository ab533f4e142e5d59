import logging

from recon import reconcile
from recon.matching import reference_in

from conftest import line


def test_reference_forms():
    assert reference_in("payment inv 10023 thanks") == "INV-10023"
    assert reference_in("no ref here") is None


def test_match_by_reference(invoices):
    matched, unmatched, still_open = reconcile([line("ACME INV-1001", 119000)], invoices)
    assert [inv.number for _, inv in matched] == ["INV-1001"]
    assert still_open == ["INV-1002", "INV-1003"]


def test_match_by_unique_amount(invoices):
    matched, _, _ = reconcile([line("COBALT LTD", 9900)], invoices)
    assert matched[0][1].number == "INV-1003"


def test_unmatched_payment_is_reported(invoices, caplog):
    with caplog.at_level(logging.WARNING):
        _, unmatched, _ = reconcile([line("UNKNOWN SENDER", 5000)], invoices)
    assert len(unmatched) == 1
    assert "unmatched payment of 5000 cents" in caplog.text


def test_partial_payment_still_matches(invoices):
    matched, unmatched, _ = reconcile([line("INV-1002 part 1", 20000)], invoices)
    assert matched and not unmatched
