import asyncio
import random


class FakeBroker:
    """Loopback broker client: every call costs a (short, variable) round trip."""

    def __init__(self, rtt=(0.001, 0.012)):
        self.rtt = rtt
        self.bindings: dict[str, int] = {}
        self.sent: list[tuple[str, dict]] = []

    async def _round_trip(self):
        await asyncio.sleep(random.uniform(*self.rtt))

    async def bind(self, topic: str) -> None:
        await self._round_trip()
        self.bindings[topic] = self.bindings.get(topic, 0) + 1

    async def unbind(self, topic: str) -> None:
        await self._round_trip()
        self.bindings[topic] -= 1

    async def send(self, topic: str, message: dict) -> None:
        await self._round_trip()  # publish
        self.sent.append((topic, message))
        await asyncio.sleep(random.uniform(0, 0.002))  # publisher confirm (pipelined)
