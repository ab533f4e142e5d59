import threading
import time

from quota.bucket import TokenBucket
from quota.limits import bucket_for, plan_from_env


def test_burst_then_refuse(clock):
    bucket = bucket_for("free", clock=clock)
    assert [bucket.try_take() for _ in range(6)] == [True] * 5 + [False]


def test_refill_over_time(clock):
    bucket = bucket_for("free", clock=clock)
    for _ in range(5):
        bucket.try_take()
    clock.advance(1.0)
    assert bucket.available() == 2


def test_clock_going_backwards_does_not_mint_tokens(clock):
    bucket = TokenBucket(rate=1, capacity=1, clock=clock)
    bucket.try_take()
    clock.advance(-5)
    assert not bucket.try_take()


def test_concurrent_takers_never_overspend():
    bucket = TokenBucket(rate=0.001, capacity=100)
    start = threading.Barrier(8)
    granted = []
    lock = threading.Lock()

    def worker():
        start.wait()
        mine = sum(bucket.try_take() for _ in range(40))
        with lock:
            granted.append(mine)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(granted) == 100


def test_real_clock_refills_eventually():
    bucket = TokenBucket(rate=50, capacity=1)
    assert bucket.try_take()
    deadline = time.monotonic() + 2.0
    while not bucket.try_take():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_plan_from_env(monkeypatch):
    monkeypatch.setenv("QUOTA_PLAN", "team")
    assert plan_from_env() == "team"
    assert bucket_for(plan_from_env()).capacity == 50
