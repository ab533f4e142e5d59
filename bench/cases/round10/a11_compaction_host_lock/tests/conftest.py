import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def state_dir(tmp_path):
    d = tmp_path / "compaction"
    d.mkdir()
    return d


def read_runs(state_dir):
    path = state_dir / "runs.log"
    return path.read_text().splitlines() if path.exists() else []
