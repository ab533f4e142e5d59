from datetime import datetime, timedelta, timezone

import pytest

from journal import parse_stamp, shift_for, utc_stamp


@pytest.mark.parametrize("hour,shift", [(0, "night"), (5, "night"), (6, "early"),
                                        (13, "early"), (14, "late"), (22, "night")])
def test_shift_boundaries(hour, shift):
    assert shift_for(datetime(2026, 3, 29, hour, 30, tzinfo=timezone.utc)) == shift


def test_stamp_is_between_two_clock_reads():
    before = datetime.now(timezone.utc)
    stamp = parse_stamp(utc_stamp())
    after = datetime.now(timezone.utc)
    assert before <= stamp <= after


def test_stamp_round_trips_fixed_time():
    t = datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)
    assert parse_stamp(utc_stamp(t)) == t
    assert shift_for(t + timedelta(microseconds=1)) == "night"
