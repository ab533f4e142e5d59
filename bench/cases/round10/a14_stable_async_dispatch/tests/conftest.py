import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from dispatch import DispatchBoard, DriverPool


@pytest.fixture
def board():
    return DispatchBoard(DriverPool(["dana", "eli", "fatma"]))
