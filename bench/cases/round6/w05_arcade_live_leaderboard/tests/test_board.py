import time

from arcade import Leaderboard, MatchFeed, ScoreEntry
from arcade.ranking import rank_key


def test_top_orders_by_adjusted_points(small_board):
    names = [e.player for _, e in small_board.top(4)]
    assert names == ["bob", "dee", "cy", "ann"]


def test_ties_share_a_rank(small_board):
    ranks = {e.player: r for r, e in small_board.top(4)}
    assert ranks["dee"] == ranks["cy"] == 2
    assert ranks["ann"] == 3


def test_best_of_keeps_highest(small_board):
    small_board.submit(ScoreEntry("ann", 100, "bronze", 20.0))
    small_board.submit(ScoreEntry("ann", 900, "bronze", 21.0))
    assert small_board.best_of("ann").points == 900


def test_rank_key_ignores_name_case():
    a = ScoreEntry("Zed", 10, "bronze", 1.0)
    b = ScoreEntry("zed", 10, "bronze", 1.0)
    assert rank_key(a) == rank_key(b)


def test_feed_delivers_all_results(live_results):
    board = Leaderboard()
    feed = MatchFeed(board, live_results, pace=0.0)
    feed.start()
    feed.join(timeout=2)
    assert len(board) == len(live_results)


def test_dashboard_refresh_during_live_feed(season_board, live_results):
    feed = MatchFeed(season_board, live_results[:7], pace=0.02)
    feed.start()
    snapshots = []
    while feed.is_alive():
        snapshots.append(season_board.top(5))
        time.sleep(0.05)
    feed.join()
    assert len(season_board) == 12507
    assert all(len(s) == 5 for s in snapshots)
