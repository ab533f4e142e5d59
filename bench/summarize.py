#!/usr/bin/env python3
"""Markdown rows for bench/RESULTS.md from a `score.py --json` summary:
per case the decisions, the top-1 guess with its confidence and whether it
was proven, the runs flakebpf made (observed + experiment runs), and its
wall time beside the time of the same number of plain pytest runs when
`--plain PY` is given (one plain run per case, timed, times the runs).

    python3 bench/summarize.py SCORE.json [--plain PYTHON]
"""
import json
import subprocess
import sys
import time


def plain_seconds(case_dir, python):
    t = time.monotonic()
    subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=case_dir,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t


def main(argv):
    if not argv:
        sys.exit(__doc__)
    score = json.load(open(argv[0]))
    python = argv[argv.index("--plain") + 1] if "--plain" in argv else None
    print("| case | category | top-1 | top-3 | cat | guess | conf | proven | runs + experiments | wall s | plain s (same runs) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    yn = lambda v: "-" if v is None else ("yes" if v else "no")
    for c in score["cases"]:
        conf = proven = "-"
        extra = 0
        try:
            rep = json.load(open(c["report"]))
            for t in rep.get("tests", []):
                extra += sum(x.get("runs", 0) for x in t.get("trials", []))
                if t["nodeid"] == c["test"] and t.get("causes"):
                    conf = "%.2f" % t["causes"][0]["confidence"]
                    proven = "yes" if t["causes"][0].get("proven") else "no"
        except (OSError, ValueError, KeyError, TypeError):
            pass
        g = c.get("guess") or {}
        guess = "%s:%s (%s)" % (g.get("file"), g.get("line"), g.get("category")) if g else ("nothing flagged" if c["stable"] else "no causes")
        plain = ""
        if python:
            case_dir = "%s/%s" % (score["corpus"], c["case"])
            plain = "%.1f" % (plain_seconds(case_dir, python) * (c.get("runs") or 0))
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s + %d | %.1f | %s |" % (
            c["case"], c["category"], yn(c.get("top1") if not c["stable"] else None), yn(c.get("top3") if not c["stable"] else None),
            yn(c.get("category_ok") if not c["stable"] else None), guess, conf, proven, c.get("runs"), extra, c.get("wall_s") or 0, plain))
    print()
    print("`%s`" % score["score"])


if __name__ == "__main__":
    main(sys.argv[1:])
