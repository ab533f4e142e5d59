import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from telemetry.device import SensorDevice  # noqa: E402
from telemetry.ingest import Ingestor  # noqa: E402
from telemetry.uplink import Uplink  # noqa: E402


@pytest.fixture
def ingestor():
    return Ingestor()


@pytest.fixture
def uplink(ingestor):
    return Uplink(ingestor.receive)


@pytest.fixture
def greenhouse():
    values = iter([21.5, 21.75, 22.0, 22.25])
    return SensorDevice("greenhouse-1", lambda: next(values))
