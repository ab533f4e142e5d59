import pytest

from leasework.coordinator import Coordinator, LeaseExpired


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_acquire_in_submission_order():
    c = Coordinator(lease_ttl=1.0, clock=FakeClock())
    c.submit("a", {}); c.submit("b", {})
    assert c.acquire("w")[0] == "a"
    assert c.acquire("w")[0] == "b"
    assert c.acquire("w") is None


def test_renew_extends_lease():
    clock = FakeClock()
    c = Coordinator(lease_ttl=1.0, clock=clock)
    c.submit("a", {})
    c.acquire("w")
    clock.now += 0.9
    assert c.renew("a", "w") == pytest.approx(101.9)


def test_lapsed_lease_is_requeued():
    clock = FakeClock()
    c = Coordinator(lease_ttl=1.0, clock=clock)
    c.submit("a", {})
    c.acquire("w1")
    clock.now += 1.5
    with pytest.raises(LeaseExpired):
        c.renew("a", "w1")
    assert c.acquire("w2")[0] == "a"


def test_complete_requires_owner():
    c = Coordinator(lease_ttl=1.0, clock=FakeClock())
    c.submit("a", {})
    c.acquire("w1")
    with pytest.raises(LeaseExpired):
        c.complete("a", "w2", "x")
