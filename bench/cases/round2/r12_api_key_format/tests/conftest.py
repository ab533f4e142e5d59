import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from keyring import KeyRegistry


@pytest.fixture
def registry():
    return KeyRegistry()


@pytest.fixture
def acme_key(registry):
    return registry.issue("acme", scopes=("read", "write"))
