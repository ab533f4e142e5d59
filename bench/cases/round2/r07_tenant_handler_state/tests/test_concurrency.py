import asyncio

from conftest import arriving
from tenantapi import Request


async def test_concurrent_tenants_audited_separately(handler, audit):
    results = await asyncio.gather(
        handler.mark_paid(Request("acme", "ann", "inv-1")),
        arriving(handler.get(Request("globex", "gil", "inv-9"))),
    )
    assert [r["status"] for r in results] == [200, 200]
    assert [e.target for e in audit.for_tenant("acme")] == ["inv-1"]
    assert [e.target for e in audit.for_tenant("globex")] == ["inv-9"]


async def test_same_tenant_parallel_reads(handler, audit):
    await asyncio.gather(*(handler.get(Request("acme", "ann", i)) for i in ("inv-1", "inv-2")))
    assert sorted(e.target for e in audit.for_tenant("acme")) == ["inv-1", "inv-2"]
