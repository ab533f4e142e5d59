import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from reviewbot import ReviewAssigner, load_teams

TEAMS_CFG = """
[payments]
members = alice, bruno, chen, dara, emil, hana, ivo   # core payments crew
paths = src/billing/, src/ledger/
away = emil

[platform]
members = farah, gus
paths = deploy/, src/ledger/migrations/
"""


@pytest.fixture
def teams():
    return load_teams(TEAMS_CFG)


@pytest.fixture
def assigner(teams):
    return ReviewAssigner(teams)
