import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from telemetry import Registry, RequestMetrics, TextExporter
from telemetry import ownership


@pytest.fixture(autouse=True)
def fresh_catalogue_cache():
    ownership.forget()
    yield
    ownership.forget()


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def metrics(registry):
    return RequestMetrics(registry)


@pytest.fixture
def exporter(registry):
    return TextExporter(registry)


@pytest.fixture
def busy_registry(registry, metrics):
    for i in range(12):
        metrics.observe("/api/orders/%d" % i, 200, 0.01)
    return registry
