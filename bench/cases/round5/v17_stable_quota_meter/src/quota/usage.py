import os
import random
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo


def billing_day(ts, tz_name):
    """Calendar day of a UTC timestamp in the customer's billing time zone."""
    return datetime.fromtimestamp(ts, tz=ZoneInfo(tz_name)).date().isoformat()


def day_bounds(day, tz_name):
    start = datetime.fromisoformat(day).replace(tzinfo=ZoneInfo(tz_name))
    end = (start + timedelta(days=1)).replace(tzinfo=ZoneInfo(tz_name))
    return start.astimezone(timezone.utc).timestamp(), end.astimezone(timezone.utc).timestamp()


class UsageMeter:
    def __init__(self, tz_name="UTC"):
        self.tz_name = tz_name
        self._counts = Counter()
        self._lock = threading.Lock()

    def record(self, api_key, ts, units=1):
        day = billing_day(ts, self.tz_name)
        with self._lock:
            self._counts[(api_key, day)] += units

    def usage(self, api_key, day):
        with self._lock:
            return self._counts[(api_key, day)]

    def keys(self):
        with self._lock:
            return sorted({k for k, _ in self._counts})

    def export_csv(self, path):
        rows = sorted(self._counts.items())
        tmp = f"{path}.{os.getpid()}.{random.getrandbits(32):08x}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write("api_key,day,units\n")
            for (key, day), units in rows:
                fh.write(f"{key},{day},{units}\n")
        os.replace(tmp, path)
        return len(rows)


def sample_for_audit(records, k, rng=None):
    rng = rng or random.Random()
    population = sorted(records)
    return sorted(rng.sample(population, min(k, len(population))))
