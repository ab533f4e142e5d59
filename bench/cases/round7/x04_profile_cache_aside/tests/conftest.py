import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from profilesvc import AsyncCache, ProfileDB, ProfilePage, ProfileService


@pytest.fixture
def db():
    return ProfileDB({
        "u1": {"display_name": "Ada", "bio": "Engines & notes", "avatar": "ada.png"},
        "u2": {"display_name": "Grace", "bio": "", "avatar": None},
    })


@pytest.fixture
def cache():
    return AsyncCache()


@pytest.fixture
def service(db, cache):
    return ProfileService(db, cache)


@pytest.fixture
def page(service):
    return ProfilePage(service)
