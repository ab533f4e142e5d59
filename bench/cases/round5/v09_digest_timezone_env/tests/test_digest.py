from conftest import T0
from digest.builder import digest_from_feed, group_by_day, render_digest


def test_empty_digest(feed):
    assert digest_from_feed("maya", feed, 0, 1) == "Activity digest for maya"


def test_digest_window(feed):
    text = digest_from_feed("maya", feed, T0, T0 + 3600)
    assert "li merged PR #90" in text
    assert "opened" not in text


def test_digest_lists_entries_in_time_order(feed):
    text = digest_from_feed("maya", feed, 0, T0 * 2)
    assert text.index("commented") < text.index("merged") < text.index("opened")


def test_render_headings(activities):
    text = render_digest("li", activities)
    assert text.splitlines()[1] == "== 2026-02-28 =="
    assert text.count("== ") == 2


def test_groups_split_at_midnight(activities):
    days = group_by_day(activities)
    assert list(days) == ["2026-02-28", "2026-03-01"]
    assert len(days["2026-03-01"]) == 2
