import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from helpdesk.tickets import SAMPLE  # noqa: E402


@pytest.fixture
def tickets():
    return list(SAMPLE)
