from datetime import date, timedelta

HOLIDAYS = {
    date(2026, 1, 1),
    date(2026, 5, 1),
    date(2026, 12, 25),
    date(2027, 1, 1),
}


def is_business_day(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def roll_forward(d):
    """Move a date that falls on a weekend or holiday to the next business day."""
    if d in HOLIDAYS:
        d += timedelta(days=1)
    if d.weekday() == 5:
        d += timedelta(days=2)
    return d


def add_business_days(d, n):
    while n > 0:
        d += timedelta(days=1)
        if is_business_day(d):
            n -= 1
    return d
