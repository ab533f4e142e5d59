import asyncio


class ReadingError(ValueError):
    pass


def parse_reading(raw, unit):
    value, _, got_unit = raw.partition(" ")
    if got_unit != unit:
        raise ReadingError(f"expected {unit}, got {raw!r}")
    return float(value)


async def read_temperature(client, addr):
    return parse_reading(await client.request(addr, "TEMP?"), "C")


async def read_humidity(client, addr):
    return parse_reading(await client.request(addr, "RH?"), "%")


async def keepalive(client, addrs, interval):
    """Ping every device periodically so the gateway keeps the line open."""
    while True:
        for addr in addrs:
            await client.request(addr, "PING")
        await asyncio.sleep(interval)
