import os
import subprocess
import sys
from pathlib import Path

from .client import http_get

SRC_DIR = str(Path(__file__).resolve().parents[1])


class StartError(RuntimeError):
    pass


class ServerProcess:
    """Runs the dev server in a child process; restart() keeps the same port."""

    def __init__(self, root):
        self.root = Path(root)
        self.port = 0
        self.proc = None

    def start(self) -> int:
        env = dict(os.environ, PYTHONPATH=SRC_DIR)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devserve.server", str(self.root), str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening "):
            self.proc.wait(2)
            err = self.proc.stderr.read().strip().splitlines()
            raise StartError(err[-1] if err else f"exit {self.proc.returncode}")
        self.port = int(line.split()[1])
        return self.port

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                http_get(self.port, "/__shutdown", method="POST", timeout=1)
                self.proc.wait(2)
            except Exception:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()
        self.proc = None

    def restart(self) -> int:
        self.stop()
        return self.start()
