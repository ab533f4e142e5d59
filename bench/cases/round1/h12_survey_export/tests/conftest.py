import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from surveykit import parse_responses

RAW = """
{"id": 101, "team": "Data", "remote": "yes"}
{"id": 102, "team": "  Platform ", "remote": "no"}
{"id": 103, "team": "Data", "remote": ""}
"""


@pytest.fixture
def responses():
    return parse_responses(RAW.splitlines())
