"""Print daemon: `python -m printspool.daemon SPOOL_ROOT NAME`.

Polls the spool, claims a job, prints it, records it in printed.log.
Several daemons may serve the same spool.
"""
import os
import random
import sys
import time

from .device import printer_ready
from .spool import Spool

POLL_INTERVAL = 0.02


def try_claim(spool, job_path, worker):
    claim = spool.claim_path(job_path)
    if os.path.exists(claim):
        return None
    job = spool.load(job_path)
    if not printer_ready(spool.root, job["printer"]):
        return None
    with open(claim, "w") as fh:
        fh.write(worker)
    return job


def run(root, worker):
    spool = Spool(root)
    stop_file = os.path.join(root, "STOP")
    open(os.path.join(root, "ready-%s" % worker), "w").close()
    while not os.path.exists(stop_file):
        for job_path in spool.pending():
            job = try_claim(spool, job_path, worker)
            if job is not None:
                time.sleep(0.01 * job["copies"])  # printing
                spool.record_printed(job, worker)
        time.sleep(POLL_INTERVAL * random.uniform(0.5, 1.5))  # spread daemons out


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
