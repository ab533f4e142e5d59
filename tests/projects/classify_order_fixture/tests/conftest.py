import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from abacus import Till


@pytest.fixture
def pocket_till():
    return Till(digits=4)
