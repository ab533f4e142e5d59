import asyncio


class Cart:
    def __init__(self):
        self.items = []

    async def add(self, item):
        snapshot = list(self.items)
        await asyncio.sleep(0.003)  # write-through to the backend
        self.items = snapshot + [item]  # @cause
