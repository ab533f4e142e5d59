import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from notesync import NoteServer, SyncClient


@pytest.fixture
def server():
    return NoteServer()


@pytest.fixture
def laptop(server):
    return SyncClient(server, "mia", "laptop")


@pytest.fixture
def phone(server):
    return SyncClient(server, "mia", "phone")
