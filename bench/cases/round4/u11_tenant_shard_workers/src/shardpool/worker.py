"""Worker process: one JSON job per stdin line, one JSON reply per stdout line."""

import argparse
import json
import sys

from shardpool.routing import shard_for


def handle(job):
    if job["op"] == "sum":
        return sum(job["values"])
    if job["op"] == "upper":
        return job["text"].upper()
    raise ValueError(f"unknown op {job['op']!r}")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args(argv)
    for line in sys.stdin:
        job = json.loads(line)
        reply = {"id": job["id"], "worker": args.index}
        owner = shard_for(job["tenant"], args.count)
        if owner != args.index:
            reply["error"] = f"misrouted: tenant belongs to shard {owner}"
        else:
            try:
                reply["result"] = handle(job)
            except Exception as exc:
                reply["error"] = str(exc)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
