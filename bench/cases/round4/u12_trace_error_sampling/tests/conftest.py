import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tracekit.handlers import CheckoutHandler  # noqa: E402
from tracekit.sampler import RatioSampler  # noqa: E402
from tracekit.tracer import MemoryExporter, Tracer  # noqa: E402

STAGING_SAMPLE_RATIO = 0.6


@pytest.fixture
def exporter():
    return MemoryExporter()


@pytest.fixture
def tracer(exporter):
    return Tracer(RatioSampler(STAGING_SAMPLE_RATIO), exporter)


@pytest.fixture
def full_tracer(exporter):
    return Tracer(RatioSampler(1.0), exporter)


@pytest.fixture
def inventory():
    return {"mug": 3, "tee": 1}
