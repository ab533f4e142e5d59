import threading
from concurrent.futures import ThreadPoolExecutor

from ingest import Spool, day_bucket


def test_day_bucket_is_utc():
    assert day_bucket(0) == "1970-01-01"
    assert day_bucket(86399.9) == "1970-01-01"
    assert day_bucket(86400) == "1970-01-02"


def test_partition_from_injected_clock(tmp_path):
    s = Spool(tmp_path, clock=lambda: 1_767_225_599.5)  # 2025-12-31 23:59:59.5 UTC
    path = s.put({"msg": "late"})
    assert path.parent.name == "2025-12-31"


def test_parallel_producers_lose_nothing(spool):
    def produce(worker):
        for i in range(25):
            spool.put({"worker": worker, "i": i})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(produce, range(8)))
    assert len(spool.pending()) == 200
    assert not list(spool.root.glob("*/.tmp-*"))


def test_claim_is_exclusive(spool):
    for i in range(40):
        spool.put({"i": i})
    paths = spool.pending()
    won = []
    lock = threading.Lock()

    def shipper():
        for p in paths:
            rec = spool.claim(p)
            if rec is not None:
                with lock:
                    won.append(rec["i"])

    threads = [threading.Thread(target=shipper) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(won) == list(range(40))
