#!/usr/bin/env python3
"""Load generator for the bench's throughput figure: P processes of T
threads each, for S seconds, each loop making two `time.monotonic()` and
two `time.time()` reads under a shared lock (hand-offs between the
threads) and one `os.stat` syscall: at least 5 traced events per loop.
Prints one JSON line: {"loops": N, "seconds": S, "events_offered": 5 N}.

    python3 bench/loadgen.py [--seconds 10] [--procs 2] [--threads 3]
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time

CLOCK_READS_PER_LOOP = 4
STAT_EVERY = 16


def child(seconds, threads):
    lock = threading.Lock()
    counts = [0] * threads
    deadline = time.monotonic() + seconds

    def worker(k):
        mono, wall, stat = time.monotonic, time.time, os.stat
        n = 0
        while True:
            for _ in range(STAT_EVERY):
                with lock:
                    mono()
                    wall()
                    wall()
                    if mono() > deadline:
                        counts[k] = n
                        return
                n += 1
            stat("/")

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(sum(counts), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.seconds, args.threads)
    t0 = time.monotonic()
    procs = [subprocess.Popen([sys.executable, __file__, "--child", "--seconds", str(args.seconds), "--threads", str(args.threads)],
                              stdout=subprocess.PIPE, text=True) for _ in range(args.procs)]
    loops = sum(int(p.communicate()[0]) for p in procs)
    secs = time.monotonic() - t0
    events = CLOCK_READS_PER_LOOP * loops + loops // STAT_EVERY
    print(json.dumps({"loops": loops, "seconds": secs, "events_offered": events}))


if __name__ == "__main__":
    main()
