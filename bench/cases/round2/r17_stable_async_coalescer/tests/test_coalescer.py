import asyncio
import random

import pytest

from coalesce import Coalescer


async def test_concurrent_gets_share_one_call(backend):
    c = Coalescer(backend.load)
    rng = random.Random()

    async def client(key):
        await asyncio.sleep(rng.uniform(0, 0.005))
        return await c.get(key)

    values = await asyncio.gather(*(client("user:1") for _ in range(20)))
    assert set(values) == {"USER:1"}
    # late clients may arrive after the value is cached; never more than one load
    assert c.backend_calls == 1


async def test_ttl_expiry_uses_injected_clock(backend, clock):
    c = Coalescer(backend.load, ttl=30, clock=clock)
    await c.get("k")
    clock.advance(29.9)
    await c.get("k")
    clock.advance(0.2)
    await c.get("k")
    assert backend.calls == ["k", "k"]


async def test_error_propagates_to_waiters(backend):
    c = Coalescer(backend.load)
    results = await asyncio.gather(c.get("bad:1"), c.get("bad:1"), return_exceptions=True)
    assert all(isinstance(r, LookupError) for r in results)
    assert c.backend_calls == 1


async def test_invalidate_forces_reload(backend):
    c = Coalescer(backend.load)
    await c.get("a")
    c.invalidate("a")
    await c.get("a")
    assert backend.calls == ["a", "a"]
