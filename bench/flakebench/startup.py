"""Figure 1, start-up: what tracing adds before the command's first line
runs. `record -- python -c pass` and `record -- /bin/true` timed whole
beside the plain commands; the time from launching `record` to the first
Python line of the command (a `-c` that stamps CLOCK_MONOTONIC); and for
`run`, the time from launch to the first test's start (the suite's first
test stamps it) beside the same for plain pytest. Goal: ≤ 0.3 s added."""
import os
import shutil
import time

from . import suites
from .common import ab_order, run
from .stats import summary

GOAL_S = 0.3
STAMP = "import os, time; open(os.environ['FLAKEBENCH_MARK'], 'w').write(str(time.clock_gettime_ns(time.CLOCK_MONOTONIC)))"


def _to_mark(cmd, mark, cwd=None):
    """Seconds from launching `cmd` to the stamp it leaves in `mark`."""
    if os.path.exists(mark):
        os.unlink(mark)
    env = dict(os.environ, FLAKEBENCH_MARK=mark)
    t0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    run(cmd, cwd=cwd, env=env, timeout=300)
    with open(mark) as f:
        return (int(f.read()) - t0) / 1e9


def measure(ctx):
    rounds = 2 if ctx.quick else 5
    trace = ctx.path("startup", "t.trace")
    mark = ctx.path("startup", "mark")
    suite = suites.write_suite(ctx.path("startup"), "first_test", suites.FIRST_TEST)
    record = [ctx.flakebpf, "record", "-o", trace, "--"]
    rundir = ctx.path("startup", "rec")
    runcmd = [ctx.flakebpf, "run", "--runs", "1", "--all-runs", "--no-trials", "--record", rundir, "--"]
    rows = {
        "record -- python -c pass (wall)": (lambda: run([ctx.python, "-c", "pass"]).wall,
                                            lambda: run(record + [ctx.python, "-c", "pass"]).wall),
        "record -- /bin/true (wall)": (lambda: run(["/bin/true"]).wall,
                                       lambda: run(record + ["/bin/true"]).wall),
        "record -- python -c: to its first line": (lambda: _to_mark([ctx.python, "-c", STAMP], mark),
                                                   lambda: _to_mark(record + [ctx.python, "-c", STAMP], mark)),
        "run: to the first test": (lambda: _to_mark(suites.pytest_cmd(ctx.python), mark, cwd=suite),
                                   lambda: _run_to_first_test(ctx, runcmd, rundir, mark, suite)),
    }
    out = []
    for name, sides in rows.items():
        vals = {"plain": [], "traced": []}
        for r in range(rounds):
            for side in ab_order(r):
                vals[side].append(sides[0 if side == "plain" else 1]())
        added = [t - p for p, t in zip(vals["plain"], vals["traced"])]
        ctx.log("startup: %s: plain %.3f s, traced %.3f s (medians)" % (name, summary(vals["plain"])[1], summary(vals["traced"])[1]))
        out.append({"name": name, "plain_s": vals["plain"], "traced_s": vals["traced"], "added_s": added,
                    "goal": "added ≤ %.1f s" % GOAL_S, "met": summary(added)[1] <= GOAL_S})
    return {"figure": "startup", "rounds": rounds, "rows": out}


def _run_to_first_test(ctx, runcmd, rundir, mark, suite):
    # `run` exits 0 here (no flaky test); anything else fails the bench.
    shutil.rmtree(rundir, ignore_errors=True)
    return _to_mark(runcmd + suites.pytest_cmd(ctx.python), mark, cwd=suite)
