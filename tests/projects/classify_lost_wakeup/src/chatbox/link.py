import asyncio


class Link:
    """A slow uplink: each frame takes a little while to go out."""

    def __init__(self, latency=0.01):
        self.latency = latency
        self.frames = []

    async def write(self, batch):
        await asyncio.sleep(self.latency)
        self.frames.append(list(batch))
