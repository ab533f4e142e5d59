import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from arcade import Leaderboard, ScoreEntry

TIERS = ["bronze", "silver", "gold", "platinum"]


def season_history(n):
    return [
        ScoreEntry(f"player{i:05d}", (i * 7919) % 5000, TIERS[i % 4], 1_700_000_000.0 + i)
        for i in range(n)
    ]


@pytest.fixture
def small_board():
    return Leaderboard(
        [
            ScoreEntry("ann", 300, "bronze", 10.0),
            ScoreEntry("bob", 260, "gold", 11.0),
            ScoreEntry("cy", 310, "bronze", 12.0),
            ScoreEntry("dee", 310, "bronze", 9.0),
        ]
    )


@pytest.fixture
def season_board():
    return Leaderboard(season_history(12500))


@pytest.fixture
def live_results():
    return [(f"rookie{i:03d}", 100 + i, TIERS[i % 4]) for i in range(120)]
