import pytest

from helpdesk import Ticket


def test_open_assigns_reference(queue):
    t = queue.open("Printer jam", "lee")
    assert len(t.ref) == 4
    assert queue.get(t.ref) is t


def test_priority_order(queue, fixed_tickets):
    for t in fixed_tickets:
        queue.add(t)
    queue.add(Ticket("ffff", "Server down", "noc", "urgent"))
    assert [t.ref for t in queue.by_priority()] == ["ffff", "ab12", "c0de"]


def test_bad_priority():
    with pytest.raises(ValueError):
        Ticket("aaaa", "x", "y", priority="whenever")
