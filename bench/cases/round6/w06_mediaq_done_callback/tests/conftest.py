import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import os

import pytest

from mediaq import Asset, Pipeline


@pytest.fixture
def pipeline(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    p = Pipeline(str(out))
    yield p
    p.close()


@pytest.fixture
def make_asset(tmp_path):
    def make(asset_id, size=20_000, profile="web"):
        src = tmp_path / f"{asset_id}.raw"
        src.write_bytes(os.urandom(size // 2) + b"\0" * (size - size // 2))
        return Asset(asset_id, str(src), profile)
    return make
