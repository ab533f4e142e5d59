import asyncio

from searchsvc.pool import SessionPool


async def test_pool_opens_its_sessions(backend):
    pool = await SessionPool(backend, size=2).start()
    assert backend.sessions_open == 2
    await pool.close()
    assert backend.sessions_open == 0


async def test_parallel_queries_share_pool(backend):
    pool = await SessionPool(backend, size=2).start()
    results = await asyncio.gather(*(pool.run("router") for _ in range(5)))
    assert all(r == ["kb-101", "kb-102"] for r in results)
    await pool.close()
