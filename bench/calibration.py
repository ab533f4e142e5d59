#!/usr/bin/env python3
"""Calibration of flakebpf's confidences: over the reports kept by
`score.py --keep DIR` for a set of cases, every cause of the truth test is
put in a confidence band and counted right when it names the truth file and
one of its lines (or an `also` location). Prints band -> right/total, and
the same for proven causes.

    python3 bench/calibration.py [--bands 0,0.3,0.6,...] CASES_DIR REPORTS_DIR [CASES_DIR REPORTS_DIR ...]

--bands: the band edges (the reported confidences are already calibrated, so
refitting them needs the bands of `classify/experiments/calibrate.rs`).
"""
import json
import os
import sys

BANDS = [(0.0, 0.3), (0.3, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)]


def norm(path):
    return os.path.normpath(path)


def right(cause, truth):
    locs = [(truth["file"], truth["lines"])] + [(a["file"], a["lines"]) for a in truth.get("also", [])]
    f = norm(cause["file"])
    return any(norm(tf) == f and cause["line"] in tl for tf, tl in locs)


def main(args):
    bands = BANDS
    if args[:1] == ["--bands"]:
        edges = [float(x) for x in args[1].split(",")]
        bands = list(zip(edges, edges[1:]))
        args = args[2:]
    if len(args) < 2 or len(args) % 2:
        sys.exit(__doc__)
    rows = []  # (confidence, proven, right)
    for cases, reports in zip(args[::2], args[1::2]):
        for case in sorted(os.listdir(cases)):
            tp = os.path.join(cases, case, "truth.json")
            rp = os.path.join(reports, case + ".json")
            if not os.path.exists(tp) or not os.path.exists(rp):
                continue
            truth = json.load(open(tp))
            if truth.get("stable"):
                continue
            try:
                rep = json.load(open(rp))
            except ValueError:
                continue
            root = rep.get("rootdir", "")
            for t in rep.get("tests", []):
                if t["nodeid"] != truth["test"]:
                    continue
                for c in t.get("causes", []):
                    c = dict(c)
                    if os.path.isabs(c["file"]):
                        c["file"] = os.path.relpath(c["file"], root)
                    rows.append((c["confidence"], bool(c.get("proven")), right(c, truth)))
    print("confidence band   right/total (all causes)   right/total (proven)")
    for lo, hi in bands:
        sel = [r for r in rows if lo <= r[0] < hi]
        pro = [r for r in sel if r[1]]
        print("%.2f-%.2f        %3d/%-3d                    %3d/%-3d" % (
            lo, min(hi, 1.0), sum(r[2] for r in sel), len(sel), sum(r[2] for r in pro), len(pro)))


if __name__ == "__main__":
    main(sys.argv[1:])
