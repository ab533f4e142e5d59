import asyncio
import random
import threading
import time

from sensorhub import Aggregator, AsyncRelay, Poller, backoff_schedule, window_of


def test_window_of_fixed_timestamps():
    assert window_of(125.0, 60) == 120
    assert window_of(119.999, 60) == 60


def test_window_contains_now():
    now = time.time()
    start = window_of(now, 1.0)
    assert start <= now < start + 1.0


def test_concurrent_recording_is_counted():
    agg = Aggregator(width=3600)
    ts = 1_700_000_000.0

    def burst():
        for i in range(5000):
            agg.record("t1", 0.5, ts=ts)

    threads = [threading.Thread(target=burst) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert agg.count("t1") == 20000
    assert agg.mean("t1", window_of(ts, 3600)) == 0.5


def test_backoff_schedule_bounds():
    delays = backoff_schedule(8, base=0.1, cap=2.0, rng=random.Random())
    assert all(0.05 <= d <= 2.0 for d in delays)
    assert backoff_schedule(5, rng=random.Random(7)) == backoff_schedule(5, rng=random.Random(7))


def test_poller_delivers_and_stops():
    agg = Aggregator()
    poller = Poller(lambda: ("hum", random.uniform(30, 60)), agg).start()
    assert poller.first_poll.wait(5)
    assert poller.stop()
    assert agg.count("hum") == poller.polls >= 1


async def test_relay_counts_every_forward():
    async def upstream(reading):
        await asyncio.sleep(random.uniform(0, 0.003))

    relay = AsyncRelay(upstream)
    await asyncio.gather(*(relay.forward(i) for i in range(40)))
    assert relay.forwarded == 40
