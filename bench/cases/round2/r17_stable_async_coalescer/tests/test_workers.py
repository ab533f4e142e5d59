import asyncio
import random

from coalesce import Backoff, WorkerGroup


async def test_all_jobs_complete_in_any_order():
    rng = random.Random()

    async def handler(n):
        await asyncio.sleep(rng.uniform(0, 0.01))
        if n == 13:
            raise ValueError("unlucky")
        return n * n

    group = WorkerGroup(handler, concurrency=4)
    group.start()
    await group.submit_all(range(30))
    await group.finish()
    assert sorted(group.results) == [i for i in range(30) if i != 13]
    assert group.results[7] == 49
    assert list(group.errors) == [13]


def test_backoff_is_bounded_and_reproducible():
    a = Backoff(base=0.01, cap=0.1, rng=random.Random(5)).schedule(8)
    b = Backoff(base=0.01, cap=0.1, rng=random.Random(5)).schedule(8)
    assert a == b
    assert all(0 <= d <= 0.1 for d in a)


def test_unseeded_backoff_stays_in_range():
    delays = Backoff(base=0.02, cap=0.5).schedule(10)
    assert all(0 <= d <= min(0.5, 0.02 * 2 ** i) for i, d in enumerate(delays))
