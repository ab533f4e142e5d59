import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def results_path(tmp_path):
    return str(tmp_path / "results.jsonl")


@pytest.fixture
def site_urls():
    return [f"https://docs.example.org/guide/page-{i:03d}.html" for i in range(14)]
