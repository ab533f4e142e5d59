import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from chatlink.outbox import Outbox
from chatlink.transport import FakeSocketTransport


@pytest.fixture
def transport():
    return FakeSocketTransport()


@pytest.fixture
async def outbox(transport):
    box = Outbox(transport).start()
    yield box
    await box.close()


@pytest.fixture
def mobile_transport():
    """Round-trip times seen from the mobile client on 4G."""
    return FakeSocketTransport(rtt=(0.01, 0.04))
