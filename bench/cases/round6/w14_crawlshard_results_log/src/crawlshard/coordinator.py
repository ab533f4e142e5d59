import os
import subprocess
import sys
import zlib

_SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shard_urls(urls, shards):
    buckets = [[] for _ in range(shards)]
    for url in urls:
        buckets[zlib.crc32(url.encode()) % shards].append(url)
    return buckets


def crawl(urls, results_path, shards=2, timeout=20):
    env = dict(os.environ, PYTHONPATH=_SRC)
    procs = [
        subprocess.Popen([sys.executable, "-m", "crawlshard.shard", results_path, *bucket], env=env)
        for bucket in shard_urls(urls, shards)
        if bucket
    ]
    codes = [p.wait(timeout=timeout) for p in procs]
    if any(codes):
        raise RuntimeError(f"shard exit codes {codes}")
    return len(procs)
