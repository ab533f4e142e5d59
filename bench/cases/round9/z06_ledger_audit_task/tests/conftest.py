import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from ledgerapi import AccountService, AuditTrail, FakeDatabase


@pytest.fixture
def db():
    return FakeDatabase()


@pytest.fixture
async def service(db):
    svc = AccountService(db, AuditTrail(db))
    yield svc
    await svc.drain()
