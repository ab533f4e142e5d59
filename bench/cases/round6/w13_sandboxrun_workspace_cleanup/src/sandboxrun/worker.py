"""Sandbox worker: evaluates submitted snippets and writes one output file each.

Run as ``python -m sandboxrun.worker WORKDIR``; reads one job per stdin line.
"""
import json
import os
import signal
import sys
import time


def main(workdir):
    done = []

    def on_term(signum, frame):
        with open(os.path.join(workdir, "state.json"), "w") as f:
            json.dump({"completed": done, "stopped_at": time.time()}, f)
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    print("ready", flush=True)
    for line in sys.stdin:
        job_id, _, expr = line.strip().partition(" ")
        if not job_id:
            continue
        try:
            value = {"ok": True, "value": eval(expr, {"__builtins__": {}}, {})}
        except Exception as exc:  # report the error to the caller
            value = {"ok": False, "error": type(exc).__name__}
        with open(os.path.join(workdir, f"{job_id}.out"), "w") as f:
            json.dump(value, f)
        done.append(job_id)
        print(f"done {job_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
