import os
import shutil
import subprocess
import sys
import tempfile

_SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class WorkspaceError(RuntimeError):
    pass


class Workspace:
    """A scratch directory with a sandbox worker process attached to it."""

    def __init__(self, base_dir=None):
        self.path = tempfile.mkdtemp(prefix="sbx-", dir=base_dir)
        env = dict(os.environ, PYTHONPATH=_SRC)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sandboxrun.worker", self.path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        if self.proc.stdout.readline().strip() != "ready":
            raise WorkspaceError("worker did not start")

    def run(self, job_id, expr):
        self.proc.stdin.write(f"{job_id} {expr}\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().strip()
        if reply != f"done {job_id}":
            raise WorkspaceError(f"unexpected worker reply {reply!r}")
        return os.path.join(self.path, f"{job_id}.out")

    def stop_worker(self):
        if self.proc.poll() is None:
            self.proc.terminate()

    def close(self):
        self.stop_worker()
        shutil.rmtree(self.path)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
