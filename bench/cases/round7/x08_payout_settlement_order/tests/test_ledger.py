from payouts import Entry, parse_statement
from payouts.ledger import group_by_merchant


def test_parse_statement(statement):
    assert len(statement) == 9
    assert statement[0] == Entry("tx-1001", "m-berlin", 8.93)


def test_grouping_keeps_first_seen_order(statement):
    assert list(group_by_merchant(statement)) == ["m-berlin", "m-lyon", "m-porto", "m-gdansk"]


def test_refund_lines_are_negative():
    entries = parse_statement("ref,merchant,amount\nrf-1,m-lyon,-4.20\n")
    assert entries[0].amount == -4.20
