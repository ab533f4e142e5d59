import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


class FlakyBroker:
    """Refuses the first ``outage`` connection attempts."""

    def __init__(self, outage):
        self.outage = outage
        self.attempts = 0

    def connect(self):
        self.attempts += 1
        if self.attempts <= self.outage:
            raise ConnectionRefusedError(111, "Connection refused")
        return f"session-{self.attempts}"


class FakeSleep:
    def __init__(self):
        self.total = 0.0
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)
        self.total += seconds


@pytest.fixture
def fake_sleep():
    return FakeSleep()


@pytest.fixture
def broker_factory():
    return FlakyBroker
