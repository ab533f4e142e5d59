import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from formguard.keys import KeyRing  # noqa: E402
from formguard.forms import FormService, SpamFilter  # noqa: E402


class SlowSpamFilter(SpamFilter):
    """Stand-in for the hosted spam scoring API (round trip ~0.3 s)."""

    def __init__(self, latency=0.3):
        super().__init__()
        self.latency = latency
        self.calls = 0

    def score(self, fields):
        import time

        self.calls += 1
        time.sleep(self.latency)
        return super().score(fields)


@pytest.fixture
def ring():
    # Test settings rotate the signing key every second so rotation is exercised.
    return KeyRing(b"test-master-secret-0001", period=1.0)


@pytest.fixture
def spam_filter():
    return SlowSpamFilter()


@pytest.fixture
def service(ring, spam_filter):
    return FormService(ring, spam_filter)
