import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from shipquote import Carrier, Parcel, QuoteBoard


def make_carriers():
    return [
        Carrier("dhl", base_cents=499, per_kg_cents=110, latency=(0.010, 0.040)),
        Carrier("hermes", base_cents=449, per_kg_cents=95, latency=(0.020, 0.050)),
        Carrier("ups", base_cents=899, per_kg_cents=150, latency=(0.040, 0.080)),
    ]


@pytest.fixture
def carriers():
    return make_carriers()


@pytest.fixture
def board(carriers):
    return QuoteBoard(carriers)


@pytest.fixture
def parcel():
    return Parcel(weight_kg=2.5, dest_country="DE")
