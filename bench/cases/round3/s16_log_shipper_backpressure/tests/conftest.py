import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import logging

import pytest

from shipper import CollectorSink, LogShipper, ShippingHandler


@pytest.fixture
def sink():
    return CollectorSink()


@pytest.fixture
def shipper(sink):
    s = LogShipper(sink)
    yield s
    s.close()


@pytest.fixture
def app_logger(shipper):
    logger = logging.getLogger("billing-api")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = ShippingHandler(shipper, "billing")
    logger.addHandler(handler)
    yield logger
    logger.removeHandler(handler)
