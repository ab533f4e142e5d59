import asyncio
import itertools


class Outbox:
    """Coalesces outgoing chat messages into batch frames.

    send() is synchronous so UI code can call it from anywhere; a single
    flusher task ships whatever has accumulated.
    """

    def __init__(self, transport, max_batch=50):
        self.transport = transport
        self.max_batch = max_batch
        self._pending = []
        self._wakeup = asyncio.Event()
        self._seq = itertools.count(1)
        self._task = None
        self.delivered = 0
        self._delivered_changed = asyncio.Condition()

    def start(self):
        self._task = asyncio.get_running_loop().create_task(self._flusher())
        return self

    async def close(self):
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    def send(self, room, text):
        msg = {"seq": next(self._seq), "room": room, "text": text}
        self._pending.append(msg)
        self._wakeup.set()
        return msg["seq"]

    async def _flusher(self):
        while True:
            await self._wakeup.wait()
            batch = self._pending[: self.max_batch]
            del self._pending[: len(batch)]
            if batch:
                await self.transport.write_frame(batch)
                await self._mark_delivered(len(batch))
            self._wakeup.clear()

    async def _mark_delivered(self, n):
        async with self._delivered_changed:
            self.delivered += n
            self._delivered_changed.notify_all()

    async def wait_delivered(self, count, timeout):
        async def _wait():
            async with self._delivered_changed:
                await self._delivered_changed.wait_for(lambda: self.delivered >= count)
        await asyncio.wait_for(_wait(), timeout)
