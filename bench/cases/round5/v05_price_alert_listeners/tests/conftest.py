import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from pricewatch.hub import AlertHub
from pricewatch.push import PushGateway, price_drop_notifier


@pytest.fixture
def hub():
    return AlertHub()


@pytest.fixture
def gateway():
    return PushGateway()


@pytest.fixture
def slow_gateway():
    return PushGateway(latency=(0.01, 0.03))


def watch(hub, gateway, user, sku="SKU-TV55", threshold=500.0):
    return hub.subscribe(user, sku, threshold, price_drop_notifier(gateway))
