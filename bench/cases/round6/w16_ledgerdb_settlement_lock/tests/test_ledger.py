import time

import pytest

from ledgerdb import SettlementJob, balance, record_payment
from ledgerdb.payments import PaymentRejected
from ledgerdb.settlement import payout_after_fees

from conftest import RatesService


def test_balance_sums_unsettled(seeded):
    assert balance(seeded, "bakery") == 3250


def test_rejects_unknown_currency(conn):
    with pytest.raises(PaymentRejected):
        record_payment(conn, "bakery", 100, "JPY")


def test_rejects_non_positive(conn):
    with pytest.raises(PaymentRejected):
        record_payment(conn, "bakery", 0)


def test_fee_rounds_in_our_favour():
    assert payout_after_fees(10000) == 9860
    assert payout_after_fees(1) == 0


def test_settlement_books_payouts(db_path, seeded):
    job = SettlementJob(db_path, RatesService())
    job.start()
    job.join()
    assert job.error is None
    assert job.payouts == {"bakery": payout_after_fees(1250 + 1840), "florist": payout_after_fees(5850)}
    assert balance(seeded, "bakery") == 0


def test_checkout_during_nightly_settlement(db_path, seeded):
    job = SettlementJob(db_path, RatesService(latency=(0.018, 0.06)))
    job.start()
    time.sleep(0.03)  # a customer checks out while the nightly run is going
    payment_id = record_payment(seeded, "bakery", 899, "EUR")
    job.join()
    assert job.error is None
    assert payment_id == 4
