import pytest

from conftest import run_concurrently
from wallets import InsufficientFunds


def test_simple_transfer(service, book):
    service.transfer("alice", "carol", 30)
    assert book.get("alice").balance == 70
    assert book.get("carol").balance == 30


def test_overdraft_refused(service, book):
    with pytest.raises(InsufficientFunds):
        service.transfer("carol", "alice", 1)


def test_invalid_amount(service):
    with pytest.raises(ValueError):
        service.transfer("alice", "bob", 0)


def test_deposit_then_transfer(service, book):
    service.deposit("carol", 10)
    service.transfer("carol", "bob", 10)
    assert book.get("bob").balance == 110


def test_parallel_transfers_same_direction(service, book):
    errors = run_concurrently(
        (service.transfer, "alice", "carol", 10),
        (service.transfer, "bob", "carol", 10),
    )
    assert errors == []
    assert book.get("carol").balance == 20


def test_friends_settle_up_at_the_same_time(service, book):
    errors = run_concurrently(
        (service.transfer, "alice", "bob", 25),
        (service.transfer, "bob", "alice", 40),
    )
    assert errors == []
    assert book.get("alice").balance == 115
    assert book.get("bob").balance == 85
    assert book.total() == 200
