import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from shiprates.quote import Parcel  # noqa: E402
from shiprates.ratecard import load_rate_card  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def rate_card():
    # parsing the carrier card is the slow part of every test; load it once
    return load_rate_card(DATA / "parcelco.json")


@pytest.fixture
def parcel():
    def make(country="DE", dims=(30, 20, 10), kg="1.2"):
        return Parcel(country, *dims, Decimal(kg))

    return make
