import glob
import os
import time

from .fsutil import read_json


class ResultCollector:
    def __init__(self, results_dir, poll_interval=0.01):
        self.results_dir = str(results_dir)
        self.poll_interval = poll_interval

    def snapshot(self):
        results = {}
        for path in sorted(glob.glob(os.path.join(self.results_dir, "*.json"))):
            name = os.path.splitext(os.path.basename(path))[0]
            results[name] = read_json(path)
        return results

    def wait_for(self, expected, timeout=5.0):
        deadline = time.monotonic() + timeout
        results = {}
        while time.monotonic() < deadline:
            results = self.snapshot()
            if len(results) >= expected:
                return results
            time.sleep(self.poll_interval)
        raise TimeoutError("only %d of %d results after %.1fs" % (len(results), expected, timeout))

    def summary(self, results):
        failed = sorted(k for k, r in results.items() if r["status"] != "passed")
        return {"total": len(results), "failed": failed}
