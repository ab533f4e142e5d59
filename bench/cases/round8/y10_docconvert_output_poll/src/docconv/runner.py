import os
import subprocess
import sys
import time
from pathlib import Path

SRC_ROOT = Path(__file__).resolve().parents[1]


class ConversionTimeout(RuntimeError):
    pass


def spawn_worker(src, dest):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen([sys.executable, "-m", "docconv.worker", str(src), str(dest)],
                            env=env, stdout=subprocess.DEVNULL)


def wait_for_output(path, timeout=5.0, interval=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return path
        time.sleep(interval)
    raise ConversionTimeout(f"{path} did not appear within {timeout}s")
