"""HTTP-date helpers (RFC 9110 section 5.6.7)."""
from email.utils import formatdate, parsedate_to_datetime


def format_http_date(timestamp):
    return formatdate(timestamp, usegmt=True)


def parse_http_date(value):
    """Return the POSIX timestamp of an HTTP-date, or None if it is invalid."""
    if not value:
        return None
    try:
        return int(parsedate_to_datetime(value).timestamp())
    except (TypeError, ValueError):
        return None
