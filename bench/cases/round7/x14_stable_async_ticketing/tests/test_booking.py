import asyncio
import re

import pytest

from conftest import SEATS
from ticketdesk import BookingDesk, SeatClient


@pytest.mark.asyncio
async def test_reference_format(client):
    ref = BookingDesk(client).new_reference()
    assert re.fullmatch(r"BK-[0-9A-F]{12}", ref)


@pytest.mark.asyncio
async def test_single_booking(client, server):
    result = await BookingDesk(client).book_any("ana", ["A1"])
    assert result["seat"] == "A1"
    assert server.holders == {"A1": "ana"}


@pytest.mark.asyncio
async def test_concurrent_bookers_never_share_a_seat(server):
    clients = [await SeatClient(server.port).connect() for _ in range(6)]
    try:
        desks = [BookingDesk(c, attempts=8) for c in clients]
        results = await asyncio.gather(*(d.book_any("u%d" % i, SEATS) for i, d in enumerate(desks)))
    finally:
        for c in clients:
            await c.close()
    seats = [r["seat"] for r in results]
    assert len(set(seats)) == 6
    assert len(server.free) == 2


@pytest.mark.asyncio
async def test_pipelined_calls_on_one_client(client):
    desk = BookingDesk(client, attempts=8)
    booked = await desk.book_many([("u%d" % n, SEATS) for n in range(5)])
    assert sorted(booked) == ["u0", "u1", "u2", "u3", "u4"]
    assert len({b["seat"] for b in booked.values()}) == 5
    reply = await client.call(op="free")
    assert len(reply["seats"]) == 3


@pytest.mark.asyncio
async def test_sold_out_returns_none(client):
    desk = BookingDesk(client, attempts=8)
    for n in range(len(SEATS)):
        assert await desk.book_any("u%d" % n, SEATS) is not None
    assert await desk.book_any("late", SEATS) is None


@pytest.mark.asyncio
async def test_seeded_shuffle_is_reproducible(client):
    import random
    a = BookingDesk(client, rng=random.Random(7))
    b = BookingDesk(client, rng=random.Random(7))
    first = await a.book_any("x", SEATS)
    assert first is not None
    order_a = SEATS[:]
    random.Random(7).shuffle(order_a)
    assert first["seat"] == order_a[0]
    assert b.rng.random() == random.Random(7).random()
