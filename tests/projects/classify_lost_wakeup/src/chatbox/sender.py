import asyncio


class Sender:
    def __init__(self, link):
        self.link = link
        self._pending = []
        self._wakeup = asyncio.Event()
        self.delivered = 0
        self._task = None

    def start(self):
        self._task = asyncio.get_running_loop().create_task(self._flush())

    def send(self, text):
        self._pending.append(text)
        self._wakeup.set()

    async def _flush(self):
        while True:
            await self._wakeup.wait()
            batch, self._pending = self._pending, []
            if batch:
                await self.link.write(batch)
                self.delivered += len(batch)
            self._wakeup.clear()  # @cause

    async def drained(self, count, timeout):
        async def poll():
            while self.delivered < count:
                await asyncio.sleep(0.002)
        await asyncio.wait_for(poll(), timeout)

    async def close(self):
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
