import threading
import time

import pytest

from stagebox import QuotaExceeded, StagingArea, Sweeper


def test_quota_under_contention(quota):
    gate = threading.Barrier(8)
    rejected = []

    def grab():
        gate.wait()
        for _ in range(50):
            try:
                quota.reserve("ana", 3000)
            except QuotaExceeded:
                rejected.append(1)

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert quota.used("ana") == 333 * 3000
    assert len(rejected) == 400 - 333


def test_sweeper_expires_at_max_age(tmp_path, quota, clock):
    area = StagingArea(tmp_path / "s", clock=clock)
    quota.reserve("bo", 5)
    old = area.save("bo", b"12345")
    clock.advance(59.999)
    sweeper = Sweeper(area, quota, max_age=60, clock=clock)
    assert sweeper.sweep_once() == []
    clock.advance(0.001)
    assert sweeper.sweep_once() == [old]
    assert quota.used("bo") == 0


def test_background_sweeper_eventually_clears(area, quota):
    area.save("cy", b"zz")
    quota.reserve("cy", 2)
    stop = threading.Event()
    Sweeper(area, quota, max_age=0.0, clock=time.time).run_in_background(0.01, stop)
    deadline = time.monotonic() + 5
    while (area.ids() or quota.used("cy")) and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    assert area.ids() == []
    assert quota.used("cy") == 0


def test_reserve_rejects_over_limit(quota):
    with pytest.raises(QuotaExceeded):
        quota.reserve("dee", 1_000_001)
