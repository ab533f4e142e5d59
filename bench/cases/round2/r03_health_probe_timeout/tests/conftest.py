import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import asyncio
import random

import pytest

from healthboard import HealthBoard


class FakeDependency:
    """An in-process stand-in for a backing service answering a ping."""

    def __init__(self, name, latency=(0.0, 0.0), fail=False):
        self.name = name
        self.latency = latency
        self.fail = fail
        self.pings = 0

    async def ping(self):
        self.pings += 1
        await asyncio.sleep(random.uniform(*self.latency))
        if self.fail:
            raise ConnectionError(f"{self.name} refused")
        return {"ok": True, "detail": f"{self.name} pong"}


@pytest.fixture
def board():
    return HealthBoard()


@pytest.fixture
def postgres():
    # a cold connection plus `SELECT 1` on the CI database
    return FakeDependency("postgres", latency=(0.07, 0.17))


@pytest.fixture
def redis():
    return FakeDependency("redis", latency=(0.001, 0.01))
