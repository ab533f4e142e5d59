"""Figure 2, steady-state overhead: a CPU-bound, a syscall/thread-heavy
and an asyncio suite, each run K times in a row by a runner that times
every pytest process from the inside of the traced tree (so `record`'s
start-up is not counted), alternately under `flakebpf record` and plain.
Per round the ratio traced/plain of the median pytest time; goals ≤ 1.03
(CPU-bound), ≤ 1.05 (the others)."""
from . import suites
from .common import BenchError, ab_order, run
from .stats import summary
from .tracefile import trace_end

SUITES = [("CPU-bound", suites.CPU, 1.03), ("syscall/thread-heavy", suites.SYSCALL_THREADS, 1.05),
          ("asyncio", suites.ASYNCIO, 1.05)]


def _times(cmd):
    res = run(cmd, timeout=1800)
    times = []
    for line in res.stdout.splitlines():
        secs, code = line.split()
        if code != "0":
            raise BenchError("suite failed (exit %s): %s" % (code, " ".join(cmd)))
        times.append(float(secs))
    return times


def measure(ctx):
    rounds, repeat = (2, 2) if ctx.quick else (4, 3)
    root = ctx.path("overhead")
    runner = suites.write_runner(root)
    trace = ctx.path("overhead", "t.trace")
    out = []
    for name, source, goal in SUITES:
        suite = suites.write_suite(root, name.replace("/", "_"), source)
        plain_cmd = [ctx.python, runner, suite, str(repeat)]
        ratios, plain_all, traced_all, lost, events, traced_secs = [], [], [], 0, 0, 0.0
        for r in range(rounds):
            med = {}
            for side in ab_order(r):
                if side == "plain":
                    t = _times(plain_cmd)
                    plain_all += t
                else:
                    t = _times([ctx.flakebpf, "record", "-o", trace, "--"] + plain_cmd)
                    traced_all += t
                    end = trace_end(ctx.flakebpf, trace) or {}
                    lost += end.get("lost_events", 0)
                    events += end.get("events", 0)
                    traced_secs += sum(t)
                med[side] = summary(t)[1]
            ratios.append(med["traced"] / med["plain"])
            ctx.log("overhead: %s round %d: plain %.3f s, traced %.3f s, ratio %.3f" % (name, r + 1, med["plain"], med["traced"], ratios[-1]))
        out.append({"name": name, "ratios": ratios, "plain_s": plain_all, "traced_s": traced_all,
                    "events_per_s": events / traced_secs if traced_secs else 0.0, "lost": lost,
                    "goal": "≤ %.2f" % goal, "met": summary(ratios)[1] <= goal})
    return {"figure": "overhead", "rounds": rounds, "repeat": repeat, "rows": out}
