import pytest

from fieldbus.client import BusTimeout
from fieldbus.devices import ReadingError, parse_reading, read_temperature


def test_parse_reading():
    assert parse_reading("21.5 C", "C") == 21.5


def test_parse_reading_rejects_wrong_unit():
    with pytest.raises(ReadingError):
        parse_reading("40 %", "C")


async def test_read_single_sensor(client):
    assert await read_temperature(client, "12") == 19.0


async def test_unknown_device_times_out(bus):
    from fieldbus.client import BusClient
    bus.devices.pop("13")
    c = BusClient(bus, timeout=0.05)
    bus.on_frame = lambda frame: None
    with pytest.raises(BusTimeout):
        await read_temperature(c, "13")
