import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def customer():
    return {"name": "Ada", "email": "ada@example.org"}


@pytest.fixture
def white_label(monkeypatch):
    """Environment of a white-label storefront deployment."""
    monkeypatch.setenv("MAILER_SENDER", "orders@partner.example")
    monkeypatch.setenv("MAILER_BRAND", "PartnerMart")
    monkeypatch.setenv("MAILER_REPLY_TO", "help@partner.example")
