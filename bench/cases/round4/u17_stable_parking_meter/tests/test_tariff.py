from datetime import datetime, timezone
from decimal import Decimal

import pytest


def test_daytime_hour(tariff):
    start = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
    assert tariff.price(start, 60) == Decimal("2.40")


def test_started_quarter_is_billed(tariff):
    start = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
    assert tariff.price(start, 16) == Decimal("1.20")


def test_evening_crossing_into_free_time(tariff):
    start = datetime(2026, 12, 7, 18, 30, tzinfo=timezone.utc)  # 19:30 Berlin
    assert tariff.price(start, 60) == Decimal("1.20")


def test_summer_time_offset(tariff):
    start = datetime(2026, 7, 1, 18, 30, tzinfo=timezone.utc)  # 20:30 Berlin (CEST)
    assert tariff.price(start, 60) == Decimal("0.00")


def test_price_for_now_is_bounded(tariff):
    price = tariff.price(datetime.now(timezone.utc), 45)
    assert Decimal("0.00") <= price <= Decimal("1.80")


def test_limits(tariff):
    with pytest.raises(ValueError):
        tariff.price(datetime(2026, 12, 7, 9, tzinfo=timezone.utc), 181)
