import asyncio

import pytest


async def test_publish_after_subscribe(bus):
    sub = await bus.subscribe("invoices.paid")
    await bus.publish("invoices.paid", {"id": 7})
    assert await sub.get(timeout=1) == {"id": 7}


async def test_fan_out_to_all_local_subscribers(bus):
    a = await bus.subscribe("stock.low")
    b = await bus.subscribe("stock.low")
    await bus.publish("stock.low", "sku-1")
    assert [await a.get(1), await b.get(1)] == ["sku-1", "sku-1"]


async def test_unrouted_topic_is_not_delivered(bus, broker):
    await bus.publish("nobody.listens", 1)
    assert bus.dropped == 0 and broker.routes == set()


async def test_close_unregisters(bus, broker):
    sub = await bus.subscribe("users.created")
    await sub.close()
    assert broker.routes == set()


async def test_shipment_notification_reaches_new_listener(bus, broker):
    async def notifier():
        await broker.wait_routed("orders.shipped")   # wait until someone listens
        await bus.publish("orders.shipped", {"order": 42})

    async def listener():
        sub = await bus.subscribe("orders.shipped")
        return await sub.get(timeout=0.5)

    _, received = await asyncio.gather(notifier(), listener())
    assert received == {"order": 42}
