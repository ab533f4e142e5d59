import random
import threading
import time


def replay(stats, route, requests, threads=4):
    """Simulate request threads reporting latencies in the 5-200 ms range."""

    def one_client(seed):
        rng = random.Random(seed)
        for _ in range(requests):
            time.sleep(rng.uniform(0.0005, 0.003))
            stats.record(route, rng.uniform(5, 200))

    workers = [threading.Thread(target=one_client, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    return workers
