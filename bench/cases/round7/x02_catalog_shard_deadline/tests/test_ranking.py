from catalogsearch.ranking import merge_hits
from catalogsearch.shards import Hit


def test_duplicates_keep_best_score():
    a = [Hit("S1", "x", 0.5, "a"), Hit("S2", "y", 0.9, "a")]
    b = [Hit("S1", "x", 0.7, "b")]
    merged = merge_hits([a, b], 10)
    assert [(h.sku, h.shard) for h in merged] == [("S2", "a"), ("S1", "b")]


def test_limit_applies_after_merge():
    hits = [Hit("S%d" % i, "t", 1.0 / (i + 1), "a") for i in range(10)]
    assert [h.sku for h in merge_hits([hits], 3)] == ["S0", "S1", "S2"]


def test_equal_scores_order_by_sku():
    hits = [Hit("B", "t", 0.5, "a"), Hit("A", "t", 0.5, "b")]
    assert [h.sku for h in merge_hits([hits], 5)] == ["A", "B"]
