async def test_search_finds_billing_docs(app):
    resp = await app.handle({"q": "billing"})
    assert resp["hits"] == ["kb-201", "kb-202"]


async def test_limit_is_applied(app):
    resp = await app.handle({"q": "router", "limit": "1"})
    assert resp["count"] == 1


async def test_first_request_reuses_warm_pool(app, backend):
    resp = await app.handle({"q": "router firmware"})
    assert resp["hits"] == ["kb-102"]
    await app.shutdown()
    assert backend.sessions_opened == 2, "search sessions were opened twice"
    assert backend.sessions_open == 0
