import pytest

from payouts import ReconciliationError, SettlementRun, reconcile
from payouts.ledger import Entry


def test_fee_is_one_and_a_half_percent(statement):
    run = SettlementRun(statement).run()
    assert run.payouts["m-berlin"].fee == 0.67
    assert run.net_for("m-berlin") == 44.31


def test_refund_only_merchant_pays_no_fee():
    run = SettlementRun([Entry("rf-1", "m-lyon", -4.2)]).run()
    assert run.payouts["m-lyon"].fee == 0.0


def test_missing_merchant_is_reported(statement):
    run = SettlementRun(statement[:3]).run()
    with pytest.raises(ReconciliationError):
        reconcile(run, statement)


def test_daily_run_reconciles_with_bank_statement(statement):
    run = SettlementRun(statement).run()
    assert reconcile(run, statement)
    assert sum(p.count for p in run.payouts.values()) == len(statement)
