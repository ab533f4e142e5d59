import asyncio

import pytest

from feedpage import BatchLoader


async def test_loads_in_one_tick_share_a_batch(users, user_store):
    a, b, c = await asyncio.gather(users.load(1), users.load(2), users.load(3))
    assert [a["handle"], b["handle"], c["handle"]] == ["ada", "grace", "linus"]
    assert user_store.calls == [[1, 2, 3]]


async def test_repeated_key_is_cached(users, user_store):
    await users.load(1)
    await users.load(1)
    assert user_store.calls == [[1]]


async def test_missing_key_resolves_to_none(users):
    assert await users.load(99) is None


async def test_fetch_error_reaches_every_waiter():
    async def broken(keys):
        raise ConnectionError("user service down")

    loader = BatchLoader(broken)
    results = await asyncio.gather(loader.load(1), loader.load(2), return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
