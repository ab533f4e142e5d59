import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import asyncio
import random

import pytest


class FakeClock:
    def __init__(self, start=1000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class SlowBackend:
    def __init__(self, seed=1234):
        self.rng = random.Random(seed)
        self.calls = []

    async def load(self, key):
        self.calls.append(key)
        await asyncio.sleep(self.rng.uniform(0.001, 0.02))
        if key.startswith("bad"):
            raise LookupError(key)
        return key.upper()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def backend():
    return SlowBackend()
