import asyncio

import pytest


async def open_order_page(hub, order_id):
    """What the websocket endpoint does when a customer opens an order page."""
    return hub.subscribe(f"order.{order_id}")


async def test_status_change_reaches_open_page(hub):
    page = await open_order_page(hub, 42)
    await hub.publish("order.42", {"status": "shipped"})
    try:
        update = await page.next(timeout=0.1)
    except asyncio.TimeoutError:
        pytest.fail("order page never received the status update")
    assert update["status"] == "shipped"


async def test_other_orders_not_delivered(hub):
    page = await open_order_page(hub, 1)
    await hub.drain()
    await hub.publish("order.2", {"status": "shipped"})
    assert page.queue.empty()
