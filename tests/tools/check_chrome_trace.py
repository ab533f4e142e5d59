"""Reads a Chrome JSON trace (Trace Event Format) the way Perfetto's
trace_processor imports one, and fails on what it would drop or mis-draw.

Used by flakebpf's end-to-end tests instead of trace_processor itself: the
PyPI `perfetto` package downloads its trace_processor_shell binary at run
time from a host that is not a package registry, which CI cannot reach.

Checks: the document shape; every event's phase, ids and timestamps;
complete slices (`X`) nest properly on each track (trace_processor drops a
slice that ends after its parent); instants are thread-scoped; metadata
names every process and thread that has events; flows (`bind_id` with
`flow_out`/`flow_in`) have exactly one start and one end, the end not
before the start. Prints counts as JSON: slices per category, instants,
flows, processes, threads.

Usage: python check_chrome_trace.py TRACE.json
"""

import collections
import json
import sys

PHASES = {"X", "i", "M"}
METADATA = {"process_name", "thread_name", "process_sort_index", "thread_sort_index"}
EPS = 1e-3  # µs


def fail(msg):
    print(f"invalid trace: {msg}", file=sys.stderr)
    sys.exit(1)


def check(doc):
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        fail("no traceEvents list")
    events = doc["traceEvents"]
    named_procs, named_threads = set(), set()
    used_threads = set()
    tracks = collections.defaultdict(list)
    flows = collections.defaultdict(lambda: {"out": [], "in": []})
    slices = collections.Counter()
    instants = 0
    for i, e in enumerate(events):
        where = f"event {i} ({e.get('ph')!r} {e.get('name')!r})"
        ph = e.get("ph")
        if ph not in PHASES:
            fail(f"{where}: phase {ph!r} not written by flakebpf")
        if not isinstance(e.get("name"), str) or not e["name"]:
            fail(f"{where}: no name")
        if not isinstance(e.get("pid"), int) or not isinstance(e.get("tid"), int):
            fail(f"{where}: pid and tid must be integers")
        key = (e["pid"], e["tid"])
        if ph == "M":
            if e["name"] not in METADATA:
                fail(f"{where}: unknown metadata")
            args = e.get("args", {})
            if e["name"] == "process_name":
                if not args.get("name"):
                    fail(f"{where}: process without a name")
                named_procs.add(e["pid"])
            elif e["name"] == "thread_name":
                if not args.get("name"):
                    fail(f"{where}: thread without a name")
                named_threads.add(key)
            elif not isinstance(args.get("sort_index"), int):
                fail(f"{where}: sort index must be an integer")
            continue
        ts = e.get("ts")
        if not isinstance(ts, (int, float)) or ts < 0:
            fail(f"{where}: bad ts {ts!r}")
        used_threads.add(key)
        if ph == "i":
            if e.get("s") != "t":
                fail(f"{where}: instants are thread-scoped")
            instants += 1
            continue
        dur = e.get("dur")
        if not isinstance(dur, (int, float)) or dur < 0:
            fail(f"{where}: bad dur {dur!r}")
        slices[e.get("cat", "")] += 1
        tracks[key].append((ts, ts + dur, where))
        if "bind_id" in e:
            if e.get("flow_out"):
                flows[e["bind_id"]]["out"].append(ts)
            if e.get("flow_in"):
                flows[e["bind_id"]]["in"].append(ts)
    for key in used_threads:
        if key[0] not in named_procs:
            fail(f"process {key[0]} has events but no process_name")
        if key not in named_threads:
            fail(f"thread {key} has events but no thread_name")
    for key, spans in tracks.items():
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        stack = []
        for start, end, where in spans:
            while stack and start >= stack[-1][1] - EPS:
                stack.pop()
            if stack and end > stack[-1][1] + EPS:
                fail(f"{where} on track {key} ends after the slice it starts in ({stack[-1][2]})")
            stack.append((start, end, where))
    for fid, f in flows.items():
        if len(f["out"]) != 1 or len(f["in"]) != 1:
            fail(f"flow {fid}: {len(f['out'])} starts and {len(f['in'])} ends")
        if f["in"][0] + EPS < f["out"][0]:
            fail(f"flow {fid} ends before it starts")
    return {
        "slices": dict(slices),
        "instants": instants,
        "flows": len(flows),
        "processes": len(named_procs),
        "threads": len(named_threads),
    }


def main():
    if len(sys.argv) != 2:
        fail("usage: check_chrome_trace.py TRACE.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        try:
            doc = json.load(f)
        except ValueError as e:
            fail(f"not JSON: {e}")
    print(json.dumps(check(doc), sort_keys=True))


if __name__ == "__main__":
    main()
