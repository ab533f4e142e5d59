#!/usr/bin/env python3
"""Tracing overhead of `flakebpf record`, measured side by side.

Two generated pytest suites, a CPU-bound one and a syscall-heavy one, run
K times in a row by a small runner that times each pytest process from the
inside (so the one-off probe load/attach time of flakebpf is not counted).
The runner runs alternately under `flakebpf record` and untraced, for
several rounds, and the ratio traced/untraced of the median per-suite wall
time is printed for each round and overall (machines here are noisy: only
ratios measured side by side mean anything). Also prints the events per
second the traced runs sustained and how many were lost.

Usage: bench/overhead.py --flakebpf target/release/flakebpf [--rounds 5] [--repeat 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

CPU_TEST = '''
def work(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total

{tests}
'''

SYSCALL_TEST = '''
import os, socket

def io_roundtrip(tmp_path, i):
    p = tmp_path / f"f{{i}}.txt"
    for k in range(20):
        p.write_text("x" * 512)
        assert p.read_text()
        os.stat(p)
    a, b = socket.socketpair()
    for k in range(20):
        a.sendall(b"y" * 256)
        b.recv(4096)
    a.close(); b.close()

{tests}
'''

RUNNER = '''
import subprocess, sys, time
suite, repeat = sys.argv[1], int(sys.argv[2])
for _ in range(repeat):
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{time.perf_counter() - t0:.6f} {r.returncode}", flush=True)
'''


def make_suites(root):
    cpu = os.path.join(root, "cpu_suite")
    sysc = os.path.join(root, "syscall_suite")
    for d in (cpu, sysc):
        os.makedirs(d)
        open(os.path.join(d, "conftest.py"), "w").close()
    tests = "\n".join(f"def test_cpu_{i}():\n    assert work(40000) >= 0\n" for i in range(200))
    with open(os.path.join(cpu, "test_cpu.py"), "w") as f:
        f.write(CPU_TEST.format(tests=tests))
    tests = "\n".join(f"def test_io_{i}(tmp_path):\n    io_roundtrip(tmp_path, {i})\n" for i in range(200))
    with open(os.path.join(sysc, "test_io.py"), "w") as f:
        f.write(SYSCALL_TEST.format(tests=tests))
    runner = os.path.join(root, "runner.py")
    with open(runner, "w") as f:
        f.write(RUNNER)
    return {"cpu-bound": cpu, "syscall-heavy": sysc}, runner


def run_runner(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    times = []
    for line in out.stdout.split("\n"):
        parts = line.split()
        if len(parts) == 2:
            if parts[1] != "0":
                sys.exit(f"suite failed (exit {parts[1]}): {' '.join(cmd)}")
            times.append(float(parts[0]))
    return times, out.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flakebpf", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the figures here too")
    args = ap.parse_args()
    root = tempfile.mkdtemp(prefix="flakebpf-bench-")
    suites, runner = make_suites(root)
    trace = os.path.join(root, "bench.flaketrace")
    results = {}
    for name, suite in suites.items():
        ratios, plain_all, traced_all = [], [], []
        events = lost = 0
        traced_secs = 0.0
        for r in range(args.rounds):
            plain, _ = run_runner([args.python, runner, suite, str(args.repeat)])
            traced, err = run_runner([args.flakebpf, "record", "-o", trace, "--", args.python, runner, suite, str(args.repeat)])
            ev = subprocess.run([args.flakebpf, "events", "--json", trace], capture_output=True, text=True, check=True)
            lines = ev.stdout.strip().split("\n")
            end = json.loads(lines[-1])["end"] or {}
            events += end.get("events", 0)
            lost += end.get("lost_events", 0)
            traced_secs += sum(traced)
            ratio = statistics.median(traced) / statistics.median(plain)
            ratios.append(ratio)
            plain_all += plain
            traced_all += traced
            print(f"{name} round {r + 1}: untraced {statistics.median(plain):.3f} s, traced {statistics.median(traced):.3f} s, ratio {ratio:.3f}", flush=True)
        res = {
            "untraced_median_s": statistics.median(plain_all),
            "traced_median_s": statistics.median(traced_all),
            "ratio_median": statistics.median(ratios),
            "ratio_min": min(ratios),
            "ratio_max": max(ratios),
            "events_per_s": events / traced_secs if traced_secs else 0,
            "lost_events": lost,
        }
        results[name] = res
        print(f"{name}: overhead {100 * (res['ratio_median'] - 1):+.1f} % wall (ratio median {res['ratio_median']:.3f}, "
              f"min {res['ratio_min']:.3f}, max {res['ratio_max']:.3f}); {res['events_per_s']:.0f} events/s, {lost} lost", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
