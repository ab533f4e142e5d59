import asyncio
import json
import random


class FakeSocketTransport:
    """Records frames as the server would receive them; each write takes a
    network round trip drawn from `rtt`."""

    def __init__(self, rtt=(0.0, 0.0)):
        self.rtt = rtt
        self.frames = []

    async def write_frame(self, messages):
        payload = json.dumps({"type": "batch", "messages": messages})
        await asyncio.sleep(random.uniform(*self.rtt))
        self.frames.append(payload)

    def received(self):
        out = []
        for frame in self.frames:
            out.extend(json.loads(frame)["messages"])
        return out
