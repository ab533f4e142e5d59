import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from leasework.coordinator import Coordinator  # noqa: E402
from leasework.transport import RpcLink  # noqa: E402
from leasework.worker import Worker  # noqa: E402

LEASE_TTL = 0.15


def transcode(payload):
    time.sleep(payload.get("seconds", 0.0))
    return f"{payload['name']}.webm"


def thumbnail(payload):
    return f"{payload['name']}.jpg"


@pytest.fixture
def coordinator():
    return Coordinator(lease_ttl=LEASE_TTL)


@pytest.fixture
def link(coordinator):
    return RpcLink(coordinator)


@pytest.fixture
def worker(link):
    return Worker("worker-a", link, LEASE_TTL, {"transcode": transcode, "thumbnail": thumbnail})
