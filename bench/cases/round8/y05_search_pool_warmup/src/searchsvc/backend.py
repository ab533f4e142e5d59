import asyncio
import itertools
import random


class IndexBackend:
    """Fake search cluster: opening a session costs a TLS handshake."""

    def __init__(self, docs, max_sessions=4):
        self.docs = docs
        self.max_sessions = max_sessions
        self.sessions_opened = 0
        self.sessions_open = 0
        self._ids = itertools.count(1)

    async def open_session(self):
        await asyncio.sleep(random.uniform(0.004, 0.012))
        if self.sessions_open >= self.max_sessions:
            raise ConnectionError("too many sessions")
        self.sessions_opened += 1
        self.sessions_open += 1
        return next(self._ids)

    async def close_session(self, sid):
        self.sessions_open -= 1

    async def query(self, sid, text):
        await asyncio.sleep(0.001)
        words = text.lower().split()
        return sorted(k for k, body in self.docs.items() if all(w in body.lower() for w in words))
