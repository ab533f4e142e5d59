from datetime import datetime, timezone

SHIFTS = [(6, "early"), (14, "late"), (22, "night")]


def utc_stamp(now=None):
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def shift_for(moment):
    """Name of the plant shift a UTC moment belongs to (night wraps midnight)."""
    hour = moment.hour
    name = "night"
    for start, shift in SHIFTS:
        if hour >= start:
            name = shift
    return name
