import os
import random
import subprocess
import sys


def launch(state_dir, day, hosts=2, max_splay=1.2, timeout=10):
    """Start the job on every host at once, splayed like the cron wrapper does."""
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [
        subprocess.Popen([sys.executable, "-m", "nightjob.worker", str(state_dir), day,
                          f"{random.uniform(0, max_splay):.3f}"], env=env)
        for _ in range(hosts)
    ]
    return [p.wait(timeout) for p in procs]
