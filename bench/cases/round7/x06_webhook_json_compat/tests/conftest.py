import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from hookrelay import create_relay


@pytest.fixture
def config():
    return {
        "secret": "whsec_test",
        "subscriptions": [
            {"url": "https://erp.example.test/hooks", "events": ["order.paid", "order.refunded"]},
            {"url": "https://crm.example.test/in", "events": ["*"]},
        ],
    }


@pytest.fixture
def relay(config):
    return create_relay(config)
