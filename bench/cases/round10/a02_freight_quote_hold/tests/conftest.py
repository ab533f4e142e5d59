import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from freightq import BookingDesk, QuoteEngine, SandboxBureau


@pytest.fixture
def bureau():
    return SandboxBureau(limits={"northwind": 200.0})


@pytest.fixture
def desk(bureau):
    return BookingDesk(QuoteEngine(), bureau)
