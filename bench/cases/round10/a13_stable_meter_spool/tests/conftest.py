import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from meterspool import Spool


@pytest.fixture
def spool(tmp_path):
    return Spool(tmp_path / "spool")
