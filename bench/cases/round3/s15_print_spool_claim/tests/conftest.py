import os
import subprocess
import sys
import time
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")
sys.path.insert(0, SRC)

import pytest

from printspool import Spool


def wait_for(predicate, timeout=5.0, interval=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def spool(tmp_path):
    return Spool(str(tmp_path / "spool"))


@pytest.fixture
def daemons(spool):
    procs = []

    def start(*names):
        env = dict(os.environ, PYTHONPATH=SRC)
        for name in names:
            procs.append(subprocess.Popen([sys.executable, "-m", "printspool.daemon", spool.root, name], env=env))
        ok = wait_for(lambda: all(os.path.exists(os.path.join(spool.root, "ready-" + n)) for n in names))
        assert ok, "print daemons did not start"
        return procs

    yield start
    open(os.path.join(spool.root, "STOP"), "w").close()
    for p in procs:
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
