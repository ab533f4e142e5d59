from fieldbus.panel import room_snapshot


async def test_snapshot_reads_every_room(client):
    snap = await room_snapshot(client, {"lab": "11", "office": "12"})
    assert snap["lab"] == {"temp": 21.5, "rh": 40.0}
    assert snap["office"] == {"temp": 19.0, "rh": 55.0}


async def test_snapshot_while_gateway_keepalive_runs(client, gateway_keepalive):
    snap = await room_snapshot(client, {"lab": "11", "office": "12", "store": "13"})
    assert snap == {
        "lab": {"temp": 21.5, "rh": 40.0},
        "office": {"temp": 19.0, "rh": 55.0},
        "store": {"temp": 23.25, "rh": 38.0},
    }
