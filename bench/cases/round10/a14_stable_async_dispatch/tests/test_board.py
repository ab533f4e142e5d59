import asyncio
import random
import time
import uuid

from dispatch import DispatchBoard, DriverPool


async def test_no_driver_assigned_twice(board):
    results = await board.dispatch_all([f"o{i}" for i in range(5)])
    drivers = [r[0] for _, r in results if r is not None]
    assert sorted(drivers) == ["dana", "eli", "fatma"]
    assert sum(r is None for _, r in results) == 2


async def test_gather_keeps_request_order(board):
    orders = [f"o{i}" for i in range(3)]
    random.shuffle(orders)
    results = await board.dispatch_all(orders)
    assert [o for o in board.pool.assigned] and len(results) == 3
    events = await board.drain()
    assert sorted(e[1] for e in events) == sorted(orders)


async def test_tickets_are_unique_hex(board):
    results = await board.dispatch_all(["a", "b", "c"])
    tickets = [t for t, _ in results]
    assert len(set(tickets)) == 3
    assert all(uuid.UUID(t).version == 4 for t in tickets)


async def test_release_returns_driver(board):
    await board.dispatch("a")
    await board.pool.release("a")
    assert len(board.pool._free) == 3


async def test_event_timestamp_bracketed(board):
    before = time.time()
    await board.dispatch("a")
    after = time.time()
    [(_, _, _, stamp)] = await board.drain()
    assert before <= stamp <= after


async def test_seeded_etas_repeat():
    async def etas():
        pool = DriverPool(["x", "y"], seed=11)
        return [(await pool.claim(o))[1] for o in ("a", "b")]
    assert await etas() == await etas()


async def test_concurrent_release_and_claim(board):
    await board.dispatch_all(["a", "b", "c"])
    await asyncio.gather(board.pool.release("a"), board.dispatch("d"), board.pool.release("b"))
    assert "d" in board.pool.assigned
