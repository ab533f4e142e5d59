from .board import Leaderboard
from .feed import MatchFeed
from .scores import ScoreEntry

__all__ = ["Leaderboard", "MatchFeed", "ScoreEntry"]
