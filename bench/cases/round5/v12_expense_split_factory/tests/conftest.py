import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest

from splitwise_lite.ledger import GroupLedger


@pytest.fixture
def trip():
    return GroupLedger(["noor", "pia", "quentin"])


@pytest.fixture
def couple():
    return GroupLedger(["ravi", "sofia"])
