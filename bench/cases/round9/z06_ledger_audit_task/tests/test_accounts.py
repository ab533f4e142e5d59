import asyncio

import pytest

from ledgerapi import InsufficientFunds
from ledgerapi.statements import statement


async def test_overdraft_refused(service):
    with pytest.raises(InsufficientFunds):
        await service.adjust("acc-1", -500, "atm")
    assert await service.balance("acc-1") == 0


async def test_concurrent_credits_serialised(service):
    await asyncio.gather(*(service.adjust("acc-2", 100, "payroll") for _ in range(5)))
    assert await service.balance("acc-2") == 500


async def test_transfer_moves_money(service):
    await service.adjust("acc-3", 1000, "seed")
    await service.transfer("acc-3", "acc-4", 250, "app")
    assert await service.balance("acc-3") == 750
    assert await service.balance("acc-4") == 250


async def test_statement_lists_deposit(service):
    await service.adjust("acc-9", 4200, "teller")
    doc = await statement(service, "acc-9")
    assert doc["balance"] == 4200
    assert doc["lines"] == ["teller     +42.00"]
