"""Figures as Markdown: one block per figure, and the bench section of
bench/RESULTS.md between `<!-- bench:begin -->` and `<!-- bench:end -->`
(added at the end of the file when missing; the rest of the file is left
as it is). Inside the section each (mode, figure) block has its own
markers, so a `--quick` or `--only` run replaces just the blocks it made."""
import re

from . import analysis
from .stats import summary

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
FIGURES = ["startup", "overhead", "endtoend", "throughput", "analysis", "observer"]
MODES = [("full", "Full bench"), ("quick", "Quick bench (`--quick`: fewer rounds, shorter loads, a sample of cases)")]
INTRO = """## Performance bench (`cargo xtask bench`)

Issue 10's six figures, each measured side by side (traced and plain
alternate, the first side switching every round, so drift of the machine
cancels); min / median / max over the rounds. Written by
`bench/run_bench.py`; rerun with `cargo xtask bench` (all figures),
`cargo xtask bench --quick`, or `--only startup,overhead`."""


def m3(values, fmt="%.3f"):
    lo, med, hi = summary(values)
    return "%s / %s / %s" % (fmt % lo, fmt % med, fmt % hi)


def met(flag):
    return "—" if flag is None else ("yes" if flag else "**no**")


def _startup(f):
    lines = ["| measure | plain s (median) | traced s min / median / max | added s min / median / max | goal | met |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in f["rows"]:
        lines.append("| %s | %.3f | %s | %s | %s | %s |" % (r["name"], summary(r["plain_s"])[1], m3(r["traced_s"]), m3(r["added_s"]), r["goal"], met(r["met"])))
    return "Rounds: %d.\n\n" % f["rounds"] + "\n".join(lines)


def _overhead(f):
    lines = ["| suite | ratio traced/plain min / median / max | plain pytest s (median) | traced pytest s (median) | events/s traced | lost | goal | met |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in f["rows"]:
        lines.append("| %s | %s | %.3f | %.3f | %.0f | %d | %s | %s |" % (
            r["name"], m3(r["ratios"]), summary(r["plain_s"])[1], summary(r["traced_s"])[1], r["events_per_s"], r["lost"], r["goal"], met(r["met"])))
    return ("Rounds: %d, of %d pytest processes per side; each pytest process timed from inside the traced tree "
            "(start-up of `record` excluded).\n\n" % (f["rounds"], f["repeat"])) + "\n".join(lines)


def _endtoend(f):
    r = f["rows"][0]
    return ("Rounds: %d; one plain run of the suite: %s s (min / median / max).\n\n" % (f["rounds"], m3(r["one_plain_run_s"])) +
            "| measure | ratio min / median / max | 20 plain runs s (median) | `run` s (median) | goal | met |\n| --- | --- | --- | --- | --- | --- |\n" +
            "| %s | %s | %.2f | %.2f | %s | %s |" % (r["name"], m3(r["ratios"]), summary(r["plain_s"])[1], summary(r["traced_s"])[1], r["goal"], met(r["met"])))


def _throughput(f):
    r = f["rows"][0]
    k = lambda v: "%.0f k" % (v / 1000)
    return ("Rounds: %d, of `bench/loadgen.py --seconds %d` (2 processes x 3 threads). Offered: the clock reads and syscalls "
            "the generator made per second; delivered: events written to the trace per second.%s\n\n" % (
                f["rounds"], f["seconds"], "" if summary(r["offered_plain_per_s"])[1] >= 1e6 else
                " Untraced, the generator offered less than the goal's 1 M events/s here (a busy machine): the goal's load was not reached.") +
            "| offered plain /s (median) | offered under tracing /s (median) | delivered /s min / median / max | lost per round | trace bytes/event | goal | met |\n"
            "| --- | --- | --- | --- | --- | --- | --- |\n" +
            "| %s | %s | %s | %s | %.0f | %s | %s |" % (k(summary(r["offered_plain_per_s"])[1]), k(summary(r["offered_traced_per_s"])[1]),
                                                  m3([v / 1000 for v in r["delivered_per_s"]], "%.0f k"), ", ".join(str(x) for x in r["lost"]),
                                                  summary(r["bytes_per_event"])[1], r["goal"], met(r["met"])))


def _analysis(f):
    base = bool(f.get("baseline"))
    lines = ["| scale | runs | events/run (median) | lost | trace bytes/event | `analyze` s min / median / max | peak RSS MB (max) |"
             + (" baseline s min / median / max | baseline peak RSS MB (max) |" if base else ""),
             "| --- | --- | --- | --- | --- | --- | --- |" + (" --- | --- |" if base else "")]
    for r in f["rows"]:
        lines.append("| %s | %d | %d | %d | %.0f | %s | %.0f |" % (r["name"], r["runs"], r["events_per_run"], r["lost"], r["bytes_per_event"],
                                                               m3(r["wall_s"]), max(r["peak_rss_mb"]))
                     + (" %s | %.0f |" % (m3(r["baseline_wall_s"]), max(r["baseline_peak_rss_mb"])) if base else ""))
    top = f["rows"][-1]
    # The goal's point is 20 runs x 1 M events; when the largest scale holds fewer, say what a linear growth would give there:
    # time grows with all the events, memory with those of one run (analyze holds a few runs' events at a time).
    scale_to_goal = 20e6 / max(1, top["events_total"])
    per_run_to_goal = max(1.0, 1e6 / max(1, top["events_per_run"]))
    extrapolated = "" if scale_to_goal <= 1.05 else (
        " The largest scale holds %.1f M events in all; linearly extrapolated to 20 x 1 M events: ~%.0f s (time grows with all"
        " the events) and ~%.0f MB (memory with the events of one run: `analyze` holds a few runs' events at a time)." % (
            top["events_total"] / 1e6, summary(top["wall_s"])[1] * scale_to_goal, max(top["peak_rss_mb"]) * per_run_to_goal))
    return ("Base: %d events per run (asked of the generated suite; the table gives what the traces hold). Growth: time at the "
            "largest scale over time at 1x, divided by the ratio of their events: %.2f (≤ 1 is linear or better).%s Goal: %s; met: %s.%s\n\n" % (
                f["base_events"], analysis.growth(f["rows"]), extrapolated, f["goal"], met(f["met"]),
                " Baseline: `%s`, run alternately on the same traces; both printed the same report." % f["baseline"] if base else "")) + "\n".join(lines)


def _observer(f):
    lines = ["| case | plain fails | traced fails | shift | Fisher p | verdict plain / traced |", "| --- | --- | --- | --- | --- | --- |"]
    for r in f["rows"]:
        lines.append("| %s | %d/%d | %d/%d | %+.2f | %.3g | %s / %s |" % (r["case"], r["plain_fails"], r["n"], r["traced_fails"], r["n"],
                                                                      r["shift"], r["p"], r["verdict_plain"], r["verdict_traced"]))
    head = ("%d of %d cases, N = %d plain and %d traced runs each%s, in blocks of %d. Mean signed shift (traced - plain fail rate): %+.3f. "
            "Verdict changed: %s. Fisher p < 0.01: %s. Goal: %s; met: %s.\n\n" % (
                len(f["rows"]), f["cases_total"], f["n"], f["n"], "" if f["n"] >= 30 else " (the goal asks for 30%s)" % (
                    "" if f["mode"] == "quick" else ": fewer to fit the time"),
                f["block"], f["mean_shift"],
                ", ".join(f["verdict_changed"]) or "none", ", ".join(f["differ"]) or "none", f["goal"], met(f["met"])))
    return head + "\n".join(lines)


TITLES = {"startup": ("1. Start-up", _startup), "overhead": ("2. Steady-state overhead", _overhead),
          "endtoend": ("3. `run` end to end", _endtoend), "throughput": ("4. Throughput", _throughput),
          "analysis": ("5. Analysis scale", _analysis), "observer": ("6. Observer effect", _observer)}


def render(figure):
    """A figure's block: what `measure` returned, plus `machine`, `mode`,
    `notes` and `elapsed_s` the driver adds."""
    title, body = TITLES[figure["figure"]]
    machine = figure["machine"]
    meta = "Measured %s, commit %s, %s mode, %d cores, kernel %s, %s; load average %s at the start; %.0f s." % (
        machine["date"], machine["commit"], figure["mode"], machine["cores"], machine["kernel"], machine["cpu"], machine["load"],
        figure["elapsed_s"])
    return "#### %s\n\n%s%s\n\n%s" % (title, meta, "".join(" " + n for n in figure["notes"]), body(figure))


def _blocks(section):
    return {(m.group(1), m.group(2)): m.group(3).strip("\n")
            for m in re.finditer(r"<!-- bench:(\w+):(\w+) -->\n(.*?)<!-- /bench:\1:\2 -->", section, re.S)}


def update(path, new_blocks):
    """Writes `new_blocks` ({(mode, figure): markdown}) into the bench
    section of `path`, keeping the blocks it does not replace."""
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        text = ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        old, after = rest.split(END, 1)
    else:
        before, old, after = text.rstrip("\n") + "\n\n" if text else "", "", "\n"
    blocks = _blocks(old)
    blocks.update(new_blocks)
    out = [INTRO]
    for mode, heading in MODES:
        mine = [(fig, blocks[(mode, fig)]) for fig in FIGURES if (mode, fig) in blocks]
        if mine:
            out.append("### " + heading)
            out += ["<!-- bench:%s:%s -->\n%s\n<!-- /bench:%s:%s -->" % (mode, fig, b, mode, fig) for fig, b in mine]
    with open(path, "w") as f:
        f.write(before + BEGIN + "\n" + "\n\n".join(out) + "\n" + END + after)
