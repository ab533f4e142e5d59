import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from notifyhub import FakeBroker, Hub


@pytest.fixture
def broker():
    return FakeBroker()


@pytest.fixture
async def hub(broker):
    h = Hub(broker)
    yield h
    await h.drain()
