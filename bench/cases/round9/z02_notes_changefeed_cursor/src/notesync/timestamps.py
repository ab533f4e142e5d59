import time
from datetime import datetime, timezone


def epoch_now() -> int:
    """Server timestamps, in the epoch seconds the public API exposes."""
    return int(time.time())


def to_iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat()
