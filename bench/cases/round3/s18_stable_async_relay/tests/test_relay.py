import asyncio
import uuid

from relay import RelayClient


async def test_publish_then_fetch(client):
    assert await client.publish("alerts", "disk-full") == 1
    assert await client.fetch("alerts") == ["disk-full"]


async def test_unknown_topic_empty(client):
    assert await client.fetch("nothing-%s" % uuid.uuid4().hex) == []


async def test_many_clients_publish_concurrently(server):
    clients = [await RelayClient(server.port).connect() for _ in range(5)]
    topic = "jobs-%s" % uuid.uuid4().hex[:8]
    await asyncio.gather(*(c.publish(topic, "m%d-%d" % (i, n)) for i, c in enumerate(clients) for n in range(10)))
    got = await clients[0].fetch(topic)
    for c in clients:
        await c.close()
    assert sorted(got) == sorted("m%d-%d" % (i, n) for i in range(5) for n in range(10))


async def test_pipelined_requests_on_one_connection(client):
    replies = await asyncio.gather(*(client.publish("q", str(i)) for i in range(20)))
    assert sorted(replies) == list(range(1, 21))
