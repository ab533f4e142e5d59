import threading
import time

from .scores import ScoreEntry


class MatchFeed(threading.Thread):
    """Replays finished matches from the game servers into a leaderboard."""

    def __init__(self, board, results, pace=0.001):
        super().__init__(daemon=True, name="match-feed")
        self.board = board
        self.results = list(results)
        self.pace = pace
        self.delivered = 0

    def run(self):
        for player, points, tier in self.results:
            self.board.submit(ScoreEntry(player, points, tier, time.time()))
            self.delivered += 1
            time.sleep(self.pace)
