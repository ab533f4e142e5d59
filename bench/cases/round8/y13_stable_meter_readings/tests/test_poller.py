import random
import time

from gridmeter.poller import MeterPoller
from gridmeter.sampling import audit_sample, jittered_interval


def test_poller_collects_until_stopped(live_buffer):
    meters = {"M1": lambda: random.uniform(0.1, 0.9), "M2": lambda: 0.5}
    poller = MeterPoller(meters, live_buffer, interval=0.002).start()
    deadline = time.monotonic() + 2.0
    while poller.rounds < 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert poller.stop()
    drained = live_buffer.drain()
    assert poller.rounds >= 3
    assert len(drained) == 2 * poller.rounds


def test_audit_sample_size_and_membership(buffer):
    readings = [buffer.record("M1", random.random()) for _ in range(37)]
    picked = audit_sample(readings, 0.1)
    assert len(picked) == 4
    assert set(picked) <= set(readings)
    assert len(set(picked)) == 4


def test_jitter_stays_in_bounds():
    for _ in range(500):
        v = jittered_interval(10.0)
        assert 8.0 <= v <= 12.0
