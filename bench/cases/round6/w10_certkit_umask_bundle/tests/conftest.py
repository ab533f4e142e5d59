import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from certkit import KeyStore


@pytest.fixture
def certs():
    return [b"\x30\x82" + bytes(range(i, i + 60)) for i in range(3)]


@pytest.fixture
def keystore(tmp_path):
    return KeyStore.init(tmp_path / "keys", strict=False)
