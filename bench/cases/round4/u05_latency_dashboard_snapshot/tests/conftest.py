import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from latmon.dashboard import RouteStats  # noqa: E402


@pytest.fixture
def build_info(tmp_path):
    path = tmp_path / "build-info.json"
    path.write_text(json.dumps({"version": "2026.12.1", "commit": "9f1c2ab77d01e4"}))
    return path


@pytest.fixture
def stats(build_info):
    return RouteStats(build_info)
