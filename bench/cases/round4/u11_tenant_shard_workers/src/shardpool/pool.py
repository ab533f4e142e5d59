import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from .routing import shard_for

SRC_DIR = Path(__file__).resolve().parents[1]


class JobFailed(RuntimeError):
    pass


class ShardPool:
    def __init__(self, size=2):
        self.size = size
        self._ids = itertools.count(1)
        self._procs = []

    def start(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC_DIR), env.get("PYTHONPATH")]))
        for i in range(self.size):
            self._procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "shardpool.worker", "--index", str(i), "--count", str(self.size)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    env=env,
                )
            )
        return self

    def submit(self, tenant, op, **fields):
        proc = self._procs[shard_for(tenant, self.size)]
        job = {"id": next(self._ids), "tenant": tenant, "op": op, **fields}
        proc.stdin.write(json.dumps(job) + "\n")
        proc.stdin.flush()
        reply = json.loads(proc.stdout.readline())
        if "error" in reply:
            raise JobFailed(reply["error"])
        return reply["result"]

    def close(self):
        for proc in self._procs:
            proc.stdin.close()
        for proc in self._procs:
            proc.wait(timeout=5)
        self._procs = []
