from datetime import date

from ledgerly.businessdays import add_business_days, is_business_day, roll_forward


def test_weekday_is_business_day():
    assert is_business_day(date(2026, 3, 4))


def test_christmas_is_not_business_day():
    assert not is_business_day(date(2026, 12, 25))


def test_saturday_rolls_to_monday():
    assert roll_forward(date(2026, 3, 7)) == date(2026, 3, 9)


def test_ten_business_days_skip_weekends():
    assert add_business_days(date(2026, 3, 6), 10) == date(2026, 3, 20)
