import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from feedpage import BatchLoader

USERS = {
    1: {"handle": "ada", "display_name": "Ada L."},
    2: {"handle": "grace", "display_name": "Grace H."},
    3: {"handle": "linus", "display_name": "Linus T."},
    4: {"handle": "barbara", "display_name": "Barbara L."},
    5: {"handle": "ken", "display_name": "Ken T."},
}


class UserStore:
    def __init__(self):
        self.calls = []

    async def fetch_many(self, ids):
        self.calls.append(list(ids))
        await asyncio.sleep(random.uniform(0.010, 0.025))
        return {i: USERS[i] for i in ids if i in USERS}


class PostsApi:
    async def timeline(self, viewer):
        await asyncio.sleep(random.uniform(0.005, 0.015))
        return [{"author_id": 2, "text": "shipping the compiler"},
                {"author_id": 3, "text": "merge window is open"},
                {"author_id": 2, "text": "nanoseconds, visualised"}]


class PresenceApi:
    async def online_friends(self, viewer):
        await asyncio.sleep(random.uniform(0.005, 0.070))
        return [4, 5]


@pytest.fixture
def user_store():
    return UserStore()


@pytest.fixture
def users(user_store):
    return BatchLoader(user_store.fetch_many)


@pytest.fixture
def posts_api():
    return PostsApi()


@pytest.fixture
def presence_api():
    return PresenceApi()
