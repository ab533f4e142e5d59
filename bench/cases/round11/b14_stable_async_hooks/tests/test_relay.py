import asyncio
import random
import re


async def test_per_endpoint_order_is_kept(relay, endpoints):
    async def producer(endpoint, count):
        for n in range(count):
            relay.submit(endpoint, "order.updated", {"n": n})
            await asyncio.sleep(random.uniform(0, 0.003))

    await asyncio.gather(producer("https://crm.example/hook", 6),
                         producer("https://erp.example/hook", 6),
                         producer("https://mail.example/hook", 4))
    await relay.drain()
    for endpoint, count in [("https://crm.example/hook", 6), ("https://erp.example/hook", 6),
                            ("https://mail.example/hook", 4)]:
        assert [n for _, n in endpoints.received[endpoint]] == list(range(count))


async def test_retries_until_delivered(relay, endpoints):
    relay.submit("https://crm.example/hook", "invoice.paid", {"n": 1})
    await relay.drain()
    (delivery,) = relay.deliveries
    assert delivery.status == "delivered"
    assert delivery.attempts == 3


async def test_dead_letter_after_max_attempts(endpoints):
    from hookrelay import Relay
    endpoints.failures["https://down.example/hook"] = 99
    relay = Relay(endpoints, workers=2, max_attempts=3)
    try:
        relay.submit("https://down.example/hook", "ping", {"n": 0})
        relay.submit("https://mail.example/hook", "ping", {"n": 0})
        await relay.drain()
    finally:
        await relay.close()
    statuses = sorted(d.status for d in relay.deliveries)
    assert statuses == ["dead", "delivered"]


async def test_delivery_ids_are_unique_hex(relay):
    ids = [relay.submit("https://mail.example/hook", "ping", {"n": i}) for i in range(50)]
    await relay.drain()
    assert len(set(ids)) == 50
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
