"""Figure 3, `run` end to end: wall time of `flakebpf run --runs 20
--all-runs --no-trials` over a ~0.5 s suite, start-up and analysis
included, against 20 plain pytest runs of it in a row; the ratio per
round, alternating which goes first. Goal ≤ 1.10."""
from . import suites
from .common import ab_order, run
from .stats import summary

GOAL = 1.10
RUNS = 20


def measure(ctx):
    rounds = 1 if ctx.quick else 3
    suite = suites.write_suite(ctx.path("endtoend"), "mixed", suites.MIXED)
    pytest = suites.pytest_cmd(ctx.python)
    traced_cmd = [ctx.flakebpf, "run", "--runs", str(RUNS), "--all-runs", "--no-trials", "--"] + pytest
    ratios, plain_all, traced_all, one_run = [], [], [], []
    for r in range(rounds):
        wall = {}
        for side in ab_order(r):
            if side == "plain":
                walls = [run(pytest, cwd=suite, timeout=300).wall for _ in range(RUNS)]
                one_run += walls
                wall[side] = sum(walls)
            else:
                wall[side] = run(traced_cmd, cwd=suite, timeout=1800).wall
        plain_all.append(wall["plain"])
        traced_all.append(wall["traced"])
        ratios.append(wall["traced"] / wall["plain"])
        ctx.log("endtoend: round %d: 20 plain %.2f s, run %.2f s, ratio %.3f" % (r + 1, wall["plain"], wall["traced"], ratios[-1]))
    return {"figure": "endtoend", "rounds": rounds, "rows": [{
        "name": "run --runs 20 --all-runs --no-trials / 20 plain runs", "ratios": ratios, "plain_s": plain_all,
        "traced_s": traced_all, "one_plain_run_s": one_run, "goal": "≤ %.2f" % GOAL, "met": summary(ratios)[1] <= GOAL}]}
