from tenantapi import Request


async def test_get_existing(handler):
    resp = await handler.get(Request("acme", "ann", "inv-1"))
    assert resp["status"] == 200 and resp["invoice"]["total"] == 120


async def test_cross_tenant_lookup_is_404(handler):
    resp = await handler.get(Request("globex", "gil", "inv-1"))
    assert resp["status"] == 404


async def test_mark_paid_twice_conflicts(handler):
    assert (await handler.mark_paid(Request("acme", "ann", "inv-1")))["status"] == 200
    assert (await handler.mark_paid(Request("acme", "ann", "inv-1")))["status"] == 409


async def test_audit_records_single_request(handler, audit):
    await handler.get(Request("acme", "ann", "inv-1"))
    assert [(e.tenant, e.action) for e in audit.entries] == [("acme", "view")]
