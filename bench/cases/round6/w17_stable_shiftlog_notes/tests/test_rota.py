from datetime import datetime, timezone

import pytest

from shiftlog import shift_for


@pytest.mark.parametrize(
    "hour,expected",
    [(5, ("night", "2026-03-28")), (6, ("early", "2026-03-29")), (14, ("late", "2026-03-29")),
     (23, ("night", "2026-03-29"))],
)
def test_shift_boundaries(hour, expected):
    assert shift_for(datetime(2026, 3, 29, hour, 0, tzinfo=timezone.utc)) == expected


def test_site_offset_moves_day(fixed_clock):
    assert shift_for(fixed_clock.now(), utc_offset_hours=-5) == ("late", "2026-03-28")


def test_current_shift_is_a_known_name():
    name, day = shift_for(datetime.now(timezone.utc), utc_offset_hours=2)
    assert name in {"night", "early", "late"}
    assert len(day) == 10
