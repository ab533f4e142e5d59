import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from huddle import AvatarService, Hub, PresenceStore, RoomService


@pytest.fixture
def store():
    return PresenceStore()


@pytest.fixture
def hub():
    return Hub()


@pytest.fixture
def rooms(store, hub):
    return RoomService(store, AvatarService(), hub)
