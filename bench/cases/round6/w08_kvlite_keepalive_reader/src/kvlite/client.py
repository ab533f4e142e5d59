import asyncio
import contextlib
import logging

from .connection import Connection

log = logging.getLogger("kvlite")

DEFAULT_KEEPALIVE = 0.085


class Client:
    def __init__(self, conn, keepalive=DEFAULT_KEEPALIVE):
        self._conn = conn
        self._keepalive = keepalive
        self._pinger = None
        self.pings = 0

    @classmethod
    async def connect(cls, host, port, keepalive=DEFAULT_KEEPALIVE):
        client = cls(await Connection.open(host, port), keepalive)
        if keepalive:
            client._pinger = asyncio.create_task(client._ping_loop())
        return client

    async def _ping_loop(self):
        while True:
            await asyncio.sleep(self._keepalive)
            try:
                await self._conn.call("PING")
                self.pings += 1
            except Exception as exc:
                log.warning("keepalive failed: %s", exc)

    async def get(self, key):
        return await self._conn.call("GET", key)

    async def set(self, key, value):
        return await self._conn.call("SET", key, value)

    async def incr(self, key):
        return await self._conn.call("INCR", key)

    async def delete(self, key):
        return await self._conn.call("DEL", key)

    async def close(self):
        if self._pinger is not None:
            self._pinger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pinger
        await self._conn.close()
