"""Figure 6, observer effect: for every case of the corpus (a folder with
truth.json), its fail rate over N plain runs of
`python -m pytest -p no:cacheprovider tests` against N runs of the same
under `flakebpf run --all-runs --no-trials`, interleaved in blocks
(plain block, traced block, then the other way round). A run fails when
pytest exits non-zero (for traced runs: the exit code in the recorded
trace's end). Per case a two-sided Fisher exact test at alpha 0.01; over
all cases the mean signed shift traced - plain. Goals: verdict (flaky /
never fails / always fails) unchanged everywhere, no case where the test
says the rates differ, mean shift within ±0.05."""
import json
import math
import os
import shutil

from .common import BenchError, ab_order, run
from .stats import fisher_exact

ALPHA = 0.01
GOAL_SHIFT = 0.05
PYTEST = ["-m", "pytest", "-p", "no:cacheprovider", "tests"]
RUN_TIMEOUT_S = 120


def find_cases(corpus):
    return sorted(os.path.join(corpus, d) for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "truth.json")))


def sample(cases, k):
    """k cases spread evenly over the sorted list (all when k is None)."""
    if k is None or k >= len(cases):
        return cases
    return [cases[round(i * (len(cases) - 1) / max(1, k - 1))] for i in range(k)]


def _plain_fails(ctx, case, n):
    fails = 0
    for _ in range(n):
        try:
            fails += run([ctx.python] + PYTEST, cwd=case, timeout=RUN_TIMEOUT_S, check=False, capture=False).code != 0
        except BenchError:
            fails += 1  # a hang counts as a failing run, as check_rates.py counts it
    return fails


def _traced_fails(ctx, case, n, rec):
    shutil.rmtree(rec, ignore_errors=True)
    res = run([ctx.flakebpf, "run", "--runs", str(n), "--all-runs", "--no-trials", "--timeout", str(RUN_TIMEOUT_S),
               "--record", rec, "--", ctx.python] + PYTEST, cwd=case, timeout=n * (RUN_TIMEOUT_S + 30), check=False)
    if res.code not in (0, 1):
        raise BenchError("flakebpf run in %s exited %s\n%s" % (case, res.code, res.stderr[-2000:]))
    with open(os.path.join(rec, "manifest.json")) as f:
        runs = json.load(f)["runs"]
    if len(runs) != n:
        raise BenchError("flakebpf run in %s made %d runs, not %d" % (case, len(runs), n))
    return sum(1 for r in runs if r["end"]["exit_code"] != 0 or r["end"]["timed_out"])


def verdict(fails, n):
    return "never fails" if fails == 0 else ("always fails" if fails == n else "flaky")


def measure(ctx, corpus):
    n = ctx.observer_n or (4 if ctx.quick else 30)
    block = n if ctx.quick else min(10, max(1, n // 2))
    cases = sample(find_cases(corpus), 6 if ctx.quick else None)
    if not cases:
        raise BenchError("no cases (folders with truth.json) under %s" % corpus)
    rec = ctx.path("observer", "rec")
    rows = []
    for case in cases:
        counts = {"plain": 0, "traced": 0}
        done = {"plain": 0, "traced": 0}
        b = 0
        while done["plain"] < n or done["traced"] < n:
            for side in ab_order(b):
                k = min(block, n - done[side])
                if k <= 0:
                    continue
                counts[side] += _plain_fails(ctx, case, k) if side == "plain" else _traced_fails(ctx, case, k, rec)
                done[side] += k
            b += 1
        p = fisher_exact(counts["plain"], n - counts["plain"], counts["traced"], n - counts["traced"])
        row = {"case": os.path.basename(case), "n": n, "plain_fails": counts["plain"], "traced_fails": counts["traced"],
               "shift": (counts["traced"] - counts["plain"]) / n, "p": p,
               "verdict_plain": verdict(counts["plain"], n), "verdict_traced": verdict(counts["traced"], n)}
        rows.append(row)
        ctx.log("observer: %s: plain %d/%d, traced %d/%d failed, p=%.3g" % (row["case"], counts["plain"], n, counts["traced"], n, p))
    shift = sum(r["shift"] for r in rows) / len(rows)
    changed = [r["case"] for r in rows if r["verdict_plain"] != r["verdict_traced"]]
    differ = [r["case"] for r in rows if r["p"] < ALPHA]
    return {"figure": "observer", "n": n, "block": block, "cases_total": len(find_cases(corpus)), "rows": rows,
            "mean_shift": shift, "verdict_changed": changed, "differ": differ,
            "goal": "verdict unchanged everywhere, no Fisher p < %.2f, mean shift within ±%.2f" % (ALPHA, GOAL_SHIFT),
            "met": not changed and not differ and math.fabs(shift) <= GOAL_SHIFT}
