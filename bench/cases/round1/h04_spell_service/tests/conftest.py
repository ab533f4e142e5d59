import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from spellnet import SpellServer

WORDS = ["colour", "color", "harbour", "harbor", "receive", "believe", "theatre", "theater"]


class FakeThesaurus:
    """Stands in for the remote thesaurus API, including its network latency."""

    RELATED = {"recive": ["accept", "get"], "harbr": ["port", "haven"]}

    def related(self, word):
        time.sleep(random.uniform(0.02, 0.1))
        return self.RELATED.get(word, [])


@pytest.fixture
def server():
    srv = SpellServer(WORDS, thesaurus=FakeThesaurus()).start()
    yield srv
    srv.stop()
