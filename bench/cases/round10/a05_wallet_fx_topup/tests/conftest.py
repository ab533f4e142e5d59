import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from wallet import RateService, Wallet


@pytest.fixture
def rates():
    return RateService()


@pytest.fixture
def wallet(rates):
    return Wallet("mira", rates)
