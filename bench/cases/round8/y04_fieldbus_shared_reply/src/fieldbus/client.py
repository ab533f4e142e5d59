import asyncio


class BusTimeout(TimeoutError):
    pass


class BusClient:
    def __init__(self, bus, timeout=0.5):
        self.bus = bus
        self.timeout = timeout
        self._reply = None
        self._ready = asyncio.Event()
        bus.on_frame = self._on_frame

    def _on_frame(self, frame):
        self._reply = frame
        self._ready.set()

    async def request(self, addr, cmd):
        self._ready.clear()
        self.bus.send(f"{addr}:{cmd}")
        try:
            await asyncio.wait_for(self._ready.wait(), self.timeout)
        except asyncio.TimeoutError:
            raise BusTimeout(f"no reply from {addr}") from None
        return self._reply.partition(":")[2]
