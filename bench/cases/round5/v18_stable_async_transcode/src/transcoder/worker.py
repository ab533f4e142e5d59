import asyncio
import json
import os
import random
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time, random
spec = json.loads(sys.argv[1])
time.sleep(random.uniform(0.0, 0.03))
data = open(spec["source"], "rb").read()
out = spec["preset"].encode() + b":" + data[::-1]
sys.stdout.write(json.dumps({"bytes": len(out), "payload": out.decode("latin-1")}))
"""


async def run_transcode(job, outbox_dir, timeout=10.0):
    spec = json.dumps({"source": job.source, "preset": job.preset})
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, spec,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    if proc.returncode != 0:
        raise RuntimeError(err.decode(errors="replace").strip().splitlines()[-1])
    result = json.loads(out)
    fd, tmp = tempfile.mkstemp(dir=outbox_dir, prefix=f".{job.id}-", suffix=".part")
    with os.fdopen(fd, "w", encoding="latin-1") as fh:
        fh.write(result["payload"])
    final = Path(outbox_dir) / f"{job.id}.{job.preset}"
    os.replace(tmp, final)
    return str(final)


async def jitter(max_delay):
    await asyncio.sleep(random.uniform(0, max_delay))
