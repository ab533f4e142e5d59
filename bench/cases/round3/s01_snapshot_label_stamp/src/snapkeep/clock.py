"""Time helpers shared by the snapshot tooling."""
from datetime import datetime, timezone

LABEL_FORMAT = "%Y%m%dT%H%M%SZ"


def utcnow():
    return datetime.now(timezone.utc)


def stamp(dt=None):
    """Compact UTC timestamp used in snapshot labels and manifests."""
    if dt is None:
        dt = utcnow()
    return dt.strftime(LABEL_FORMAT)


def parse_stamp(text):
    return datetime.strptime(text, LABEL_FORMAT).replace(tzinfo=timezone.utc)
