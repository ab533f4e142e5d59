import asyncio

import pytest


async def test_publish_without_subscribers(hub, broker):
    assert await hub.publish("orders", {"id": 1}) == 0
    assert broker.sent == [("orders", {"id": 1})]


async def test_two_subscribers_share_one_binding(hub, broker):
    a = hub.subscribe("orders")
    b = hub.subscribe("orders")
    await hub.drain()
    assert broker.bindings == {"orders": 1}
    assert hub.subscriber_count("orders") == 2
    await a.close()
    await b.close()
    assert broker.bindings == {"orders": 0}


async def test_subscriber_receives_after_drain(hub):
    sub = hub.subscribe("alerts")
    await hub.drain()
    await hub.publish("alerts", {"level": "warn"})
    assert await sub.next() == {"level": "warn"}


async def test_full_queue_counts_drops(hub):
    sub = hub.subscribe("ticks")
    await hub.drain()
    sub.queue = asyncio.Queue(1)
    await hub.publish("ticks", {"n": 1})
    await hub.publish("ticks", {"n": 2})
    assert sub.dropped == 1
