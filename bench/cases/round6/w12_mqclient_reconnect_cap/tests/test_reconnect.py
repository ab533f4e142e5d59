import random

import pytest

from mqclient import Backoff, ConnectionSupervisor, GaveUp


def test_connects_first_time(broker_factory, fake_sleep):
    broker = broker_factory(outage=0)
    assert ConnectionSupervisor(broker.connect, sleep=fake_sleep).run() == "session-1"
    assert fake_sleep.calls == []


def test_raw_delays_double_until_cap():
    b = Backoff(base=0.5, cap=30, jitter=0)
    assert [b.raw(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]


def test_jitter_stays_near_raw_delay():
    b = Backoff(base=1.0, cap=100, jitter=0.2, rng=random.Random(7))
    for n in range(5):
        assert 0.8 * b.raw(n) <= b.delay(n) <= 1.2 * b.raw(n)


def test_gives_up_after_max_attempts(broker_factory, fake_sleep):
    broker = broker_factory(outage=100)
    sup = ConnectionSupervisor(broker.connect, sleep=fake_sleep, max_attempts=3)
    with pytest.raises(GaveUp):
        sup.run()
    assert broker.attempts == 3


def test_short_blip_recovers_quickly(broker_factory, fake_sleep):
    broker = broker_factory(outage=2)
    assert ConnectionSupervisor(broker.connect, sleep=fake_sleep).run() == "session-3"
    assert fake_sleep.total < 2.5


def test_survives_a_broker_restart(broker_factory, fake_sleep):
    # a rolling broker restart refuses connections for about a minute
    broker = broker_factory(outage=8)
    session = ConnectionSupervisor(broker.connect, sleep=fake_sleep).run()
    assert session == "session-9"
    assert len(fake_sleep.calls) == 8
