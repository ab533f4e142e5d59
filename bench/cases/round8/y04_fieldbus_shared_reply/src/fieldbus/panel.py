from .devices import read_humidity, read_temperature


async def room_snapshot(client, rooms):
    """Read every room's climate sensor one after another."""
    out = {}
    for room, addr in rooms.items():
        out[room] = {
            "temp": await read_temperature(client, addr),
            "rh": await read_humidity(client, addr),
        }
    return out
