import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from sandboxrun import Workspace


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace(base_dir=tmp_path)
    yield ws
    if ws.proc.poll() is None:
        ws.proc.kill()
        ws.proc.wait()


def run_batch(ws, exprs):
    return [ws.run(f"job{i:03d}", e) for i, e in enumerate(exprs)]
