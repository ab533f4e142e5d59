import asyncio
import random

from pricefeed.aggregator import best_quotes, fan_out


async def test_single_quote(clients):
    assert await clients[0].quote("INIT") == 7.75


async def test_unknown_symbol_is_none(clients):
    assert await clients[1].quote("ZZZ") is None


async def test_best_quotes_across_venues(clients):
    symbols = ["ACME", "GLOBX", "INIT"]
    random.shuffle(symbols)
    best = await best_quotes(clients, symbols)
    assert best == {"ACME": 101.25, "GLOBX": 22.0, "INIT": 7.75}


async def test_pipelined_quotes_on_one_connection(clients, venues):
    prices = await asyncio.gather(*(clients[0].quote(s) for s in ["ACME", "INIT"] * 5))
    assert prices == [101.5, 7.75] * 5
    assert venues[0].requests == 10


async def test_fan_out_delivers_everything():
    q = asyncio.Queue()
    seen_a, seen_b = [], []
    for i in range(40):
        q.put_nowait({"n": i})
    await fan_out(q, [seen_a.append, seen_b.append])
    assert sorted(e["n"] for e in seen_a) == list(range(40))
    assert sorted(e["n"] for e in seen_b) == list(range(40))
