"""Compaction worker: python -m nightjob.worker STATE_DIR DAY SPLAY"""
import os
import sys
import time

from .fsutil import atomic_write_json, read_json
from .lockfile import JobLock

EXIT_DONE, EXIT_SKIPPED, EXIT_BUSY = 0, 10, 11


def compact(state_dir, day):
    # merge the day's segment files; the fake just takes its time
    time.sleep(0.15)
    with open(os.path.join(state_dir, "runs.log"), "a", encoding="utf-8") as fh:
        fh.write(f"{day} compacted by {os.getpid()}\n")


def run(state_dir, day):
    lock = JobLock(os.path.join(state_dir, "compaction.lock"))
    if not lock.acquire():
        return EXIT_BUSY
    try:
        state_path = os.path.join(state_dir, "state.json")
        state = read_json(state_path, {})
        if state.get("last_day") == day:
            return EXIT_SKIPPED
        compact(state_dir, day)
        atomic_write_json(state_path, {"last_day": day, "by": os.getpid()})
        return EXIT_DONE
    finally:
        lock.release()


def main(argv=None):
    state_dir, day, splay = (argv or sys.argv[1:])[:3]
    time.sleep(float(splay))
    return run(state_dir, day)


if __name__ == "__main__":
    sys.exit(main())
