import math
from datetime import datetime, timedelta, timezone


def grid_point(ts, step):
    """Smallest multiple of ``step`` (seconds since the epoch) not before ts."""
    return math.ceil(ts / step) * step


class IntervalTrigger:
    """Fire every ``every`` seconds.

    Fire times are kept on a shared grid so that the same job running on
    several hosts reports on matching timestamps.
    """

    def __init__(self, every, start_immediately=True):
        if every <= 0:
            raise ValueError("interval must be positive")
        self.every = float(every)
        self.start_immediately = start_immediately

    def first_fire(self, now):
        if self.start_immediately:
            return grid_point(now, self.every)
        return grid_point(now + self.every, self.every)

    def next_fire(self, previous, now):
        nxt = previous + self.every
        while nxt <= now:
            nxt += self.every
        return nxt


class OnceTrigger:
    def __init__(self, at):
        self.at = float(at)

    def first_fire(self, now):
        return self.at

    def next_fire(self, previous, now):
        return None


class DailyTrigger:
    def __init__(self, hour, minute=0):
        self.hour = hour
        self.minute = minute

    def first_fire(self, now):
        current = datetime.fromtimestamp(now, tz=timezone.utc)
        target = current.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if target.timestamp() < now:
            target += timedelta(days=1)
        return target.timestamp()

    def next_fire(self, previous, now):
        return previous + 86400.0
