"""A CI runner step: starts the command given after its two arguments,
writes the command's pid to PIDFILE, and reaps it only after REAP_AFTER
seconds (until then the finished command is a zombie).

usage: python runner.py PIDFILE REAP_AFTER CMD...
"""
import os
import subprocess
import sys
import time

pidfile, reap_after, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
child = subprocess.Popen(cmd)
with open(pidfile + ".tmp", "w") as f:
    f.write(str(child.pid))
os.rename(pidfile + ".tmp", pidfile)
time.sleep(reap_after)
sys.exit(child.wait())
