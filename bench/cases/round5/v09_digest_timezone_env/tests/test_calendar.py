from conftest import T0
from digest.builder import group_by_day
from digest.days import clock_label, day_key, day_start


def test_day_key_utc():
    assert day_key(T0) == "2026-03-01"


def test_day_start_is_midnight():
    assert clock_label(day_start(T0 + 7200)) == "00:00"


def test_us_east_server_groups_by_local_day(activities, server_timezone):
    server_timezone("America/New_York")
    days = group_by_day(activities)
    assert list(days) == ["2026-02-28", "2026-03-01"]
    assert [a.verb for a in days["2026-02-28"]] == ["commented on", "merged"]


def test_archive_week_is_complete(archive_feed):
    week = archive_feed.between(T0 - 7 * 86400, T0 + 86400)
    assert {day_key(a.ts) for a in week} >= {"2026-02-28", "2026-03-01"}
