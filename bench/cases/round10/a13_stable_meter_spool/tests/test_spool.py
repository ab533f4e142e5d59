import random
import threading
import time

from meterspool import Spool, UsageCounter


def test_parallel_adds_are_counted():
    counter = UsageCounter()
    barrier = threading.Barrier(6)

    def worker():
        barrier.wait()
        for _ in range(20):
            counter.add("acme", 2)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counter.total("acme") == 240


def test_last_update_is_bracketed_by_clock():
    counter = UsageCounter()
    before = time.time()
    counter.add("acme", 1)
    after = time.time()
    assert before <= counter.last_update <= after


def test_parallel_puts_get_unique_names(spool):
    names, lock = [], threading.Lock()

    def producer(n):
        for i in range(10):
            name = spool.put({"tenant": f"t{n}", "units": i})
            with lock:
                names.append(name)

    threads = [threading.Thread(target=producer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(names)) == 40 == len(spool.ready())


def test_each_batch_claimed_once(spool):
    for i in range(30):
        spool.put({"units": i})
    claimed, lock = [], threading.Lock()

    def consumer(w):
        for name in spool.ready():
            batch = spool.claim(name, w)
            if batch is not None:
                with lock:
                    claimed.append(batch["units"])

    threads = [threading.Thread(target=consumer, args=(f"w{n}",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == list(range(30))


def test_seeded_sample_is_reproducible(tmp_path):
    a, b = Spool(tmp_path / "a"), Spool(tmp_path / "b")
    for s in (a, b):
        for i in range(12):
            s.put({"i": i})
    assert a.sample(4) == b.sample(4)


def test_unseeded_sample_properties(spool):
    for i in range(8):
        spool.put({"i": i})
    picked = Spool(spool.directory, rng=random.Random()).sample(3)
    assert len(set(picked)) == 3 and set(picked) <= set(spool.ready())
