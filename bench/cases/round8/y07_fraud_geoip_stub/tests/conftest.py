import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def order():
    def make(ip="81.2.69.160", billing_country="GB", amount=120):
        return {"ip": ip, "billing_country": billing_country, "amount": amount}
    return make
