import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from hookrelay import Relay, TemporaryFailure


class FlakyEndpoints:
    """Receivers with random latency; some answer 503 for their first calls."""

    def __init__(self, failures=None):
        self.failures = dict(failures or {})
        self.received = {}

    async def post(self, endpoint, event, body):
        await asyncio.sleep(random.uniform(0.001, 0.008))
        if self.failures.get(endpoint, 0) > 0:
            self.failures[endpoint] -= 1
            raise TemporaryFailure("503 from %s" % endpoint)
        self.received.setdefault(endpoint, []).append((event, body["n"]))


@pytest.fixture
def endpoints():
    return FlakyEndpoints(failures={"https://crm.example/hook": 2})


@pytest.fixture
async def relay(endpoints):
    r = Relay(endpoints, workers=3)
    yield r
    await r.close()
