from datetime import datetime, timezone


def day_bucket(ts: float) -> str:
    """UTC calendar day of a unix timestamp, used as the spool partition."""
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d")
