import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import asyncio
import random

import pytest

from tenantapi import AuditLog, InvoiceHandler, InvoiceRepo


@pytest.fixture
def repo():
    r = InvoiceRepo()
    r.seed("acme", "inv-1", total=120)
    r.seed("acme", "inv-2", total=80, paid=True)
    r.seed("globex", "inv-9", total=999)
    return r


@pytest.fixture
def audit():
    return AuditLog()


@pytest.fixture
def handler(repo, audit):
    return InvoiceHandler(repo, audit)


async def arriving(coro, spread=0.15):
    """Simulate a request reaching the server after some network delay."""
    await asyncio.sleep(random.uniform(0, spread))
    return await coro
