import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def sources(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    paths = []
    for name, body in [("intro", b"hello"), ("talk", b"lorem ipsum"), ("outro", b"bye!")]:
        p = src / f"{name}.raw"
        p.write_bytes(body)
        paths.append(str(p))
    return paths


@pytest.fixture
def outbox(tmp_path):
    d = tmp_path / "out"
    d.mkdir()
    return d
