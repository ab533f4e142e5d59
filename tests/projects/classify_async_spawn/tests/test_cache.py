import asyncio
import random

from warmer import Cache


async def test_get_reads_through(store):
    c = Cache(store)
    assert await c.get("a") == "A"
    assert store.reads == 1


async def test_second_get_is_cached(store):
    c = Cache(store)
    await c.get("a")
    await c.get("a")
    assert store.reads == 1


async def test_warmed_key_is_ready_after_other_work(store):
    c = Cache(store)
    c.warm("menu")
    await asyncio.sleep(random.uniform(0.001, 0.010))  # other start-up work
    assert c.peek("menu") == "MENU"


async def test_peek_misses_unknown_keys(store):
    assert Cache(store).peek("x") is None
