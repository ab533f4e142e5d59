"""Figure 4, throughput: bench/loadgen.py (threads reading clocks under a
shared lock, with syscalls) for 10 s, plain (the rate it offers) and under
`flakebpf record` at default buffer sizes: events delivered into the
trace and events lost, from the trace's end frame. Goal: ≥ 1 M events/s
delivered, 0 lost (the generator offers well over 1 M/s plain)."""
import json
import os

from .common import ab_order, run
from .stats import summary
from .tracefile import trace_end

LOADGEN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "loadgen.py")
GOAL_RATE = 1_000_000


def measure(ctx):
    rounds, seconds = (1, 3) if ctx.quick else (3, 10)
    trace = ctx.path("throughput", "t.trace")
    gen = [ctx.python, LOADGEN, "--seconds", str(seconds)]
    offered, traced_offered, delivered, lost, sizes = [], [], [], [], []
    for r in range(rounds):
        for side in ab_order(r):
            if side == "plain":
                offered.append(json.loads(run(gen, timeout=600).stdout)["events_offered"] / seconds)
            else:
                res = run([ctx.flakebpf, "record", "-o", trace, "--"] + gen, timeout=600)
                traced_offered.append(json.loads(res.stdout)["events_offered"] / seconds)
                end = trace_end(ctx.flakebpf, trace)
                delivered.append(end["events"] / seconds)
                lost.append(end["lost_events"])
                sizes.append(os.path.getsize(trace) / max(1, end["events"]))
        ctx.log("throughput: round %d: offered plain %.0f/s, under tracing %.0f/s, delivered %.0f events/s, lost %d"
                % (r + 1, offered[-1], traced_offered[-1], delivered[-1], lost[-1]))
    return {"figure": "throughput", "rounds": rounds, "seconds": seconds, "rows": [{
        "name": "load generator, %d s, default buffers" % seconds, "offered_plain_per_s": offered,
        "offered_traced_per_s": traced_offered, "delivered_per_s": delivered, "lost": lost, "bytes_per_event": sizes,
        "goal": "≥ 1 M events/s delivered, 0 lost",
        "met": max(lost) == 0 and summary(delivered)[1] >= GOAL_RATE}]}
