import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from notifyhub import Dispatcher, Recipient


@pytest.fixture
def dispatcher():
    return Dispatcher()


@pytest.fixture
def ada():
    return Recipient("ada", email="ada@example.org", phone="+441234567890", prefers=["sms"])


@pytest.fixture
def bob():
    return Recipient("bob", email="bob@example.org", prefers=["email"])
