#!/usr/bin/env python3
"""flakebpf's benchmark: the six figures of issue 10, each measured side
by side (traced vs plain, alternating which goes first), printed with
min/median/max against its goal and written into bench/RESULTS.md
between `<!-- bench:begin -->` and `<!-- bench:end -->`.

    cargo xtask bench [--quick] [--only startup,overhead,...] [-- MORE OPTIONS]
    python3 bench/run_bench.py --flakebpf BIN --python VENV_PY [options]
    python3 bench/run_bench.py --self-check      # the statistics' own checks

Figures: startup, overhead, endtoend, throughput, analysis, observer.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from flakebench import analysis, endtoend, observer, overhead, results, startup, stats, throughput  # noqa: E402
from flakebench.common import Ctx  # noqa: E402
from flakebench.machine import describe  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MEASURES = {"startup": startup.measure, "overhead": overhead.measure, "endtoend": endtoend.measure,
            "throughput": throughput.measure, "analysis": analysis.measure}


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flakebpf", help="the flakebpf binary")
    ap.add_argument("--python", help="interpreter with pytest, pytest-asyncio and pytest-xdist (.venv-test/bin/python)")
    ap.add_argument("--quick", action="store_true", help="a short version: fewer rounds, shorter loads, 6 corpus cases (~6 min with 5-7 s tracer start-ups, ~3.5 min with start-up at 0.3 s)")
    ap.add_argument("--only", help="comma-separated figures (default: all): " + ",".join(results.FIGURES))
    ap.add_argument("--observer-n", type=int, help="runs per side and case for the observer effect (default 30, 4 with --quick)")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"), help="corpus folder (default ../shared/corpus)")
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"), help="Markdown file to update")
    ap.add_argument("--no-write", action="store_true", help="print only, do not update the results file")
    ap.add_argument("--note", action="append", default=[], help="a sentence added to every figure's header (e.g. how loaded the machine was)")
    ap.add_argument("--json", help="write the raw figures here too")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (traces, suites)")
    ap.add_argument("--analysis-runs", type=int, help="figure 5: runs per recording (default 20, 5 with --quick)")
    ap.add_argument("--analysis-base", type=int, help="figure 5: events asked of the suite per run at 1x (default 62500, 10000 with --quick)")
    ap.add_argument("--analysis-repeat", type=int, help="figure 5: analyses per scale (default 3, 1 with --quick)")
    ap.add_argument("--analysis-traces", metavar="DIR", help="figure 5: analyse the recordings DIR/rec-x{1,4,16} (the analysis folder of a --keep scratch) instead of recording")
    ap.add_argument("--analysis-baseline", metavar="BIN", help="figure 5: analyse with this flakebpf binary too, alternating, and check both print the same report")
    ap.add_argument("--self-check", action="store_true", help="run the statistics' self-check and exit")
    ap.add_argument("--render", metavar="JSON", help="measure nothing: write the figures saved by --json into the results file again")
    args = ap.parse_args(argv)
    if args.self_check or args.render:
        return args
    if not args.flakebpf or not args.python:
        ap.error("--flakebpf and --python are required")
    figures = args.only.split(",") if args.only else list(results.FIGURES)
    bad = [f for f in figures if f not in results.FIGURES]
    if bad:
        ap.error("unknown figure(s) %s (known: %s)" % (", ".join(bad), ", ".join(results.FIGURES)))
    args.figures = figures
    return args


def rerender(args):
    """Rewrites the blocks of figures saved with --json (same data; for a
    change in how figures are written)."""
    with open(args.render) as f:
        figures = json.load(f)
    blocks = {(fig["mode"], fig["figure"]): results.render(fig) for fig in figures}
    for text in blocks.values():
        print("\n" + text + "\n")
    if not args.no_write:
        results.update(args.results, blocks)
    return 0


def main(argv):
    args = parse(argv)
    print(stats.self_check(), flush=True)
    if args.self_check:
        return 0
    if args.render:
        return rerender(args)
    scratch = tempfile.mkdtemp(prefix="flakebpf-bench-")
    analysis_knobs = {"runs": args.analysis_runs, "base": args.analysis_base, "repeat": args.analysis_repeat,
                      "traces": args.analysis_traces and os.path.abspath(args.analysis_traces),
                      "baseline": args.analysis_baseline and os.path.abspath(args.analysis_baseline)}
    ctx = Ctx(args.flakebpf, args.python, scratch, args.quick, args.observer_n, analysis=analysis_knobs)
    mode = "quick" if args.quick else "full"
    blocks, raw = {}, []
    t_all = time.monotonic()
    try:
        for name in args.figures:
            machine = describe(ROOT)
            t0 = time.monotonic()
            ctx.log("bench: %s (%s) ..." % (name, mode))
            fig = observer.measure(ctx, os.path.abspath(args.corpus)) if name == "observer" else MEASURES[name](ctx)
            fig.update(machine=machine, mode=mode, notes=args.note, elapsed_s=time.monotonic() - t0)
            raw.append(fig)
            text = results.render(fig)
            blocks[(mode, name)] = text
            print("\n" + text + "\n", flush=True)
            if not args.no_write:
                results.update(args.results, {(mode, name): text})
    finally:
        if args.keep:
            ctx.log("bench: scratch kept in %s" % scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(raw, f, indent=1)
    ctx.log("bench: done in %.0f s%s" % (time.monotonic() - t_all, "" if args.no_write else "; results in " + args.results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
