import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from fulfil import Warehouse


@pytest.fixture
def warehouses():
    return [
        Warehouse("HAM", {"chair": 3, "desk": 1}),
        Warehouse("MUC", {"chair": 10, "lamp": 4}),
    ]
