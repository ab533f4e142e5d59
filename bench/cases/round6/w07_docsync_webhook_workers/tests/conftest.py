import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import asyncio
import copy
import random

import pytest

from docsync import Ingestor


class FakeDocStore:
    """In-memory stand-in for the documents table, with round-trip latency."""

    def __init__(self, latency=(0.002, 0.03)):
        self.rows = {}
        self.latency = latency

    async def _rtt(self):
        await asyncio.sleep(random.uniform(*self.latency))

    async def get(self, doc_id):
        await self._rtt()
        row = self.rows.get(doc_id)
        return copy.deepcopy(row)

    async def upsert(self, doc_id, row):
        await self._rtt()
        self.rows[doc_id] = copy.deepcopy(row)

    async def delete(self, doc_id):
        await self._rtt()
        self.rows.pop(doc_id, None)


@pytest.fixture
def store():
    return FakeDocStore()


@pytest.fixture
async def ingestor(store):
    ing = Ingestor(store)
    await ing.start()
    yield ing
    await ing.stop()
