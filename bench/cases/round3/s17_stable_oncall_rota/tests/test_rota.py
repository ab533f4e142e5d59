import random
import threading
from datetime import timedelta

import pytest

from conftest import MONDAY, TEAM
from rota import Rota, SwapRefused, SystemClock


def test_same_seed_same_rota(clock):
    a = Rota(TEAM, MONDAY, 8, clock, seed=42)
    b = Rota(TEAM, MONDAY, 8, clock, seed=42)
    assert [s["engineer"] for s in a.shifts] == [s["engineer"] for s in b.shifts]


def test_unseeded_rota_is_still_fair():
    r = Rota(TEAM, MONDAY, 8, SystemClock())
    assert sorted(r.load().values()) == [2, 2, 2, 2]


def test_on_call_follows_clock(rota, clock):
    first = rota.on_call()
    clock.advance(weeks=1)
    assert rota.on_call() == rota.shifts[1]["engineer"]
    assert first == rota.shifts[0]["engineer"]


def test_cannot_swap_started_week(rota):
    with pytest.raises(SwapRefused):
        rota.swap(0, 3)


def test_concurrent_swaps_keep_load_fair(rota):
    barrier = threading.Barrier(6)

    def requester(seed):
        rng = random.Random()
        barrier.wait(timeout=5)
        for _ in range(200):
            a, b = rng.sample(range(1, 8), 2)
            rota.swap(a, b)

    threads = [threading.Thread(target=requester, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert rota.swaps == 1200
    assert sum(rota.load().values()) == 8
    assert sorted(rota.load()) == sorted(TEAM)


def test_wall_clock_rota_covers_now():
    clock = SystemClock()
    start = clock.now() - timedelta(days=3)
    r = Rota(TEAM, start, 4, clock)
    assert r.on_call() in TEAM
