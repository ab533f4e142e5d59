from .ledger import group_by_merchant


class ReconciliationError(Exception):
    pass


def statement_total(entries):
    # the bank's statement footer lists one subtotal per merchant, in
    # statement order; the grand total is the sum of those subtotals
    subtotals = [sum(e.amount for e in group) for group in group_by_merchant(entries).values()]
    return sum(subtotals)


def reconcile(run, statement_entries):
    expected = statement_total(statement_entries)
    if run.total != expected:
        raise ReconciliationError("settled %r but statement says %r" % (run.total, expected))
    missing = {e.merchant for e in statement_entries} - set(run.payouts)
    if missing:
        raise ReconciliationError("no payout for %s" % ", ".join(sorted(missing)))
    return True
