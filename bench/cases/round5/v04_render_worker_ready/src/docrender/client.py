import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

from . import config


class RendererStartupError(RuntimeError):
    pass


def _wait_for_line(stream, deadline):
    sel = selectors.DefaultSelector()
    sel.register(stream, selectors.EVENT_READ)
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if sel.select(remaining):
                return stream.readline()
    finally:
        sel.close()


class Renderer:
    def __init__(self, template_dir):
        self.template_dir = Path(template_dir)
        self.proc = None
        self.template_count = 0

    def start(self):
        env = dict(os.environ)
        env[config.TEMPLATE_DIR_ENV] = str(self.template_dir)
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "docrender.child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = _wait_for_line(self.proc.stdout, time.monotonic() + config.READY_TIMEOUT)
        if not line or not line.startswith("READY"):
            self.stop()
            raise RendererStartupError("renderer did not become ready")
        self.template_count = int(line.split()[1])
        return self

    def render(self, template, **fields):
        self.proc.stdin.write(json.dumps({"template": template, "fields": fields}) + "\n")
        self.proc.stdin.flush()
        line = _wait_for_line(self.proc.stdout, time.monotonic() + config.REQUEST_TIMEOUT)
        reply = json.loads(line)
        if not reply["ok"]:
            raise KeyError(reply["error"])
        return reply["text"]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stdout.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
