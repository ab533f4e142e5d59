import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from notifyd import backends
from notifyd.service import NotificationService


@pytest.fixture
def service():
    return NotificationService()


@pytest.fixture
def sandbox_mode(monkeypatch):
    monkeypatch.setenv("NOTIFY_BACKEND", "sandbox")
    backends.reset_registry()
    yield backends.registry().get("sandbox")
