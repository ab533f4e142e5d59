import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from fieldbus.bus import SimulatedBus
from fieldbus.client import BusClient
from fieldbus.devices import keepalive


def climate_sensor(temp, rh):
    def respond(cmd):
        return {"TEMP?": f"{temp} C", "RH?": f"{rh} %", "PING": "PONG"}.get(cmd, "ERR")
    return respond


@pytest.fixture
def bus():
    return SimulatedBus({
        "11": climate_sensor(21.5, 40),
        "12": climate_sensor(19.0, 55),
        "13": climate_sensor(23.25, 38),
    })


@pytest.fixture
async def client(bus):
    return BusClient(bus)


@pytest.fixture
async def gateway_keepalive(client):
    async def start_after_splay():
        await asyncio.sleep(random.uniform(0, 0.1))
        await keepalive(client, ["13"], interval=0.15)

    task = asyncio.create_task(start_after_splay())
    yield task
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
