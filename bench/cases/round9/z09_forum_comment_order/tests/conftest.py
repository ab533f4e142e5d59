import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from forum import ThreadService, connect


@pytest.fixture
def conn():
    c = connect()
    yield c
    c.close()


@pytest.fixture
def forum(conn):
    return ThreadService(conn)


@pytest.fixture
def post(forum):
    return forum.start("Which grinder for pour-over?", "ana")
