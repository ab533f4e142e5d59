import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


class DocumentStore:
    """Fake document database: each field write is a network round trip."""

    def __init__(self, latency=(0.008, 0.020)):
        self.latency = latency
        self.docs = {}
        self.puts = 0

    async def put_field(self, doc_id, name, value):
        await asyncio.sleep(random.uniform(*self.latency))
        self.docs.setdefault(doc_id, {})[name] = value
        self.puts += 1


@pytest.fixture
def store():
    return DocumentStore()


async def type_words(session, words, field="body"):
    """Types word by word with human pauses between words."""
    text = ""
    for word in words:
        text = (text + " " + word).strip()
        session.edit(**{field: text})
        await asyncio.sleep(random.uniform(0.004, 0.03))
    return text
