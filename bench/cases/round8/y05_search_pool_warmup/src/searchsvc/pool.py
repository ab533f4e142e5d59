import asyncio


class SessionPool:
    def __init__(self, backend, size=2):
        self.backend = backend
        self.size = size
        self._idle = asyncio.Queue()
        self._all = []

    async def start(self):
        for _ in range(self.size):
            sid = await self.backend.open_session()
            self._all.append(sid)
            self._idle.put_nowait(sid)
        return self

    async def run(self, text):
        sid = await self._idle.get()
        try:
            return await self.backend.query(sid, text)
        finally:
            self._idle.put_nowait(sid)

    async def close(self):
        for sid in self._all:
            await self.backend.close_session(sid)
        self._all.clear()
