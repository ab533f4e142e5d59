import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from photoindex.app import PhotoIndex  # noqa: E402


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "2026-12-trip"
    folder.mkdir()
    return folder


@pytest.fixture
def add_photos(library):
    def add(n):
        for i in range(n):
            (library / f"IMG_{i:04d}.jpg").write_bytes(b"FUJIFILM" + bytes([i % 256]) * 512)
        (library / "notes.txt").write_text("not a photo")
        return library

    return add


@pytest.fixture
def index(library):
    idx = PhotoIndex(library)
    yield idx
    idx.close()
