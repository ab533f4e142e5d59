import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from eventbus import EventBus


class FakeBroker:
    """In-memory broker with network-ish latencies."""

    def __init__(self):
        self.routes = set()
        self._deliver = None
        self._registered = {}

    def on_deliver(self, callback):
        self._deliver = callback

    def _event(self, topic):
        return self._registered.setdefault(topic, asyncio.Event())

    async def register(self, topic):
        await asyncio.sleep(0.005)                    # request reaches broker
        self.routes.add(topic)
        self._event(topic).set()
        await asyncio.sleep(random.uniform(0, 0.02))  # ack travels back

    async def unregister(self, topic):
        await asyncio.sleep(0.005)
        self.routes.discard(topic)
        self._registered.pop(topic, None)

    async def wait_routed(self, topic):
        await self._event(topic).wait()

    async def send(self, topic, payload):
        await asyncio.sleep(0.013)                    # broker round trip
        if topic in self.routes:
            self._deliver(topic, payload)


@pytest.fixture
def broker():
    return FakeBroker()


@pytest.fixture
def bus(broker):
    return EventBus(broker)
