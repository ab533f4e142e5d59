import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from profiles.client import StoreClient  # noqa: E402
from profiles.service import ProfileService  # noqa: E402
from profiles.store import Primary, Replica  # noqa: E402


@pytest.fixture
async def cluster():
    primary = Primary()
    replica = Replica(primary)
    replica.start()
    yield primary, replica
    await replica.stop()


@pytest.fixture
def client(cluster):
    return StoreClient(*cluster)


@pytest.fixture
def profiles(client):
    return ProfileService(client)
