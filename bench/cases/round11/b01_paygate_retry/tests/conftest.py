import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from paygate import Gateway, GatewayTimeout


class LossyTransport:
    """Delivers every call but drops the first `lose` responses on the way back."""

    def __init__(self, lose=1):
        self.lose = lose
        self.delivered = 0

    def __call__(self, call):
        result = call()
        self.delivered += 1
        if self.lose:
            self.lose -= 1
            raise GatewayTimeout("read timed out")
        return result


@pytest.fixture
def gateway():
    return Gateway(declined_cards={"tok_declined"})


@pytest.fixture
def lossy_transport():
    return LossyTransport(lose=1)
