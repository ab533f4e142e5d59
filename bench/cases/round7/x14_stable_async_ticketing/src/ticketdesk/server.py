"""Line-based seat inventory service on 127.0.0.1 (asyncio streams)."""
import asyncio
import json
import random


class SeatServer:
    def __init__(self, seats):
        self.free = set(seats)
        self.holders = {}
        self._lock = asyncio.Lock()
        self._server = None
        self.port = None

    async def start(self):
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self):
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader, writer):
        try:
            while line := await reader.readline():
                request = json.loads(line)
                reply = await self._dispatch(request)
                writer.write((json.dumps(reply) + "\n").encode())
                await writer.drain()
        finally:
            writer.close()

    async def _dispatch(self, request):
        await asyncio.sleep(random.uniform(0, 0.004))
        if request["op"] == "hold":
            async with self._lock:
                seat = request["seat"]
                if seat not in self.free:
                    return {"ok": False, "seat": seat}
                await asyncio.sleep(random.uniform(0, 0.003))  # journal write
                self.free.discard(seat)
                self.holders[seat] = request["who"]
                return {"ok": True, "seat": seat}
        if request["op"] == "free":
            async with self._lock:
                return {"ok": True, "seats": sorted(self.free)}
        return {"ok": False, "error": "unknown op"}
