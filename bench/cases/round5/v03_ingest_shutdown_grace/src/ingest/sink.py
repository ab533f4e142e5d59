import json
import os
import random
import time
from pathlib import Path


class SegmentSink:
    """Appends batches to numbered JSONL segment files and syncs them.

    `sync_latency` is a (low, high) range modelling the disk's fsync time.
    """

    def __init__(self, root, prefix="events", sync_latency=(0.0, 0.0)):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.sync_latency = sync_latency
        self.segments = 0

    def write_batch(self, events):
        self.segments += 1
        path = self.root / f"{self.prefix}-{self.segments:05d}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for event in events:
                fh.write(json.dumps(event, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        time.sleep(random.uniform(*self.sync_latency))
        return path

    def read_all(self):
        events = []
        for path in sorted(self.root.glob(f"{self.prefix}-*.jsonl")):
            with open(path, encoding="utf-8") as fh:
                events.extend(json.loads(line) for line in fh)
        return events
