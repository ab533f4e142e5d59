import asyncio


async def test_replica_catches_up(cluster):
    primary, replica = cluster
    await primary.put("k", 1)
    await primary.put("k", 2)
    await asyncio.sleep(0.05)
    assert replica.data["k"] == 2 and replica.version == 2


async def test_read_of_missing_key(client):
    assert await client.read("nope") is None


async def test_read_after_replication(client):
    await client.write("k", "v")
    await asyncio.sleep(0.05)
    assert await client.read("k") == "v"
    assert sum(client.served_by.values()) == 1
