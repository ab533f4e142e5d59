import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


class SlowStore:
    """A store whose reads take 1-10 ms."""

    def __init__(self):
        self.reads = 0

    async def fetch(self, key):
        self.reads += 1
        await asyncio.sleep(random.uniform(0.001, 0.010))
        return key.upper()


@pytest.fixture
def store():
    return SlowStore()
