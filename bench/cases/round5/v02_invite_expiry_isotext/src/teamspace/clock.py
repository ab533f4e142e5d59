from datetime import datetime, timedelta, timezone


def utcnow():
    return datetime.now(timezone.utc)


def to_db(dt):
    """Render an aware datetime the way the rows table stores it (naive UTC text)."""
    return dt.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def from_db(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def db_now():
    return utcnow().replace(tzinfo=None).isoformat()


def db_after(delta):
    return to_db(utcnow() + delta)


def seconds(n):
    return timedelta(seconds=n)
