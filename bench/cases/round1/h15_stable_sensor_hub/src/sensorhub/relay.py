"""Async relay that forwards readings upstream and keeps a running total."""
import asyncio


class AsyncRelay:
    def __init__(self, upstream):
        self.upstream = upstream
        self.forwarded = 0
        self._lock = asyncio.Lock()

    async def forward(self, reading):
        async with self._lock:
            current = self.forwarded
            await self.upstream(reading)
            self.forwarded = current + 1
