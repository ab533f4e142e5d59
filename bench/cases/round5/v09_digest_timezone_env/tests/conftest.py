import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

# digests are specified in server time; CI servers run on UTC
os.environ["TZ"] = "UTC"
time.tzset()

import pytest

from digest.feed import Activity, ActivityFeed

# 2026-03-01 00:30 UTC and neighbours
T0 = 1772325000


@pytest.fixture
def activities():
    return [
        Activity(T0 - 3600 * 5, "maya", "commented on", "PR #88"),
        Activity(T0 + 60, "li", "merged", "PR #90"),
        Activity(T0 + 3600 * 9, "maya", "opened", "issue #301"),
    ]


@pytest.fixture
def feed(activities):
    return ActivityFeed(activities, latency=(0.0, 0.12))


@pytest.fixture
def archive_feed(activities):
    """Feed backed by the cold archive tier (slower queries)."""
    return ActivityFeed(activities, latency=(0.0, 0.25))


@pytest.fixture
def server_timezone(monkeypatch):
    """Run a test as if the server were deployed in another region."""
    def use(name):
        monkeypatch.setenv("TZ", name)
        time.tzset()
    return use
