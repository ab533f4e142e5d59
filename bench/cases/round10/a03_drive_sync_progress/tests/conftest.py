import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from drivesync import BlockStore, TransferStats, Uploader


@pytest.fixture
def store():
    return BlockStore(round_trip=0.02)


@pytest.fixture
def uploader(store):
    return Uploader(store, TransferStats(), part_size=16 * 1024)


@pytest.fixture
def settings_dir(tmp_path):
    d = tmp_path / "settings"
    d.mkdir()
    (d / "prefs.json").write_bytes(b'{"theme": "dark"}' * 100)
    (d / ".lock").write_text("")
    return d
