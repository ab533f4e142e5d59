import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from capplan import ServiceModel


@pytest.fixture
def checkout_api():
    return ServiceModel("checkout-api", service_ms=12.0, arrivals_per_s=50.0)
