import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .protocol import encode, read_message

SRC_DIR = str(Path(__file__).resolve().parents[1])


class WorkerError(Exception):
    pass


class Supervisor:
    """Starts a render worker process and talks to it over loopback TCP."""

    def __init__(self, start_timeout: float = 5.0, poll: float = 0.02):
        self.start_timeout = start_timeout
        self.poll = poll
        self.proc = None
        self.port = None
        self._dir = tempfile.mkdtemp(prefix="renderd-")

    def _read_port(self, path):
        try:
            text = Path(path).read_text().strip()
            return int(text) if text else None
        except (FileNotFoundError, ValueError):
            return None

    def start(self) -> int:
        port_file = os.path.join(self._dir, f"port-{time.monotonic_ns()}")
        env = dict(os.environ, PYTHONPATH=SRC_DIR)
        self.proc = subprocess.Popen([sys.executable, "-m", "renderd.server", port_file], env=env)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            port = self._read_port(port_file)
            if port:
                self.port = port
                return port
            if self.proc.poll() is not None:
                raise WorkerError(f"worker exited with {self.proc.returncode}")
            time.sleep(self.poll)
        raise WorkerError("worker did not announce its port")

    def call(self, op: str, **payload):
        if self.port is None:
            raise WorkerError("worker not started")
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            with s.makefile("rwb") as fh:
                fh.write(encode({"op": op, "payload": payload}))
                fh.flush()
                reply = read_message(fh)
        if not reply["ok"]:
            raise WorkerError(reply["error"])
        return reply["result"]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(encode({"op": "shutdown"}))
                    s.recv(64)
            except OSError:
                pass
            try:
                self.proc.wait(2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
