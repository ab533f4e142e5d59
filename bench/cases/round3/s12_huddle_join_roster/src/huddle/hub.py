"""Fan-out of room events to connected websocket sessions (in memory)."""
import asyncio
from collections import defaultdict


class Hub:
    def __init__(self):
        self._sessions = defaultdict(list)
        self.sent = []

    def connect(self, room):
        q = asyncio.Queue()
        self._sessions[room].append(q)
        return q

    async def send(self, room, event):
        self.sent.append((room, event))
        for q in self._sessions.get(room, ()):
            await q.put(event)

    def events(self, room, kind=None):
        return [e for r, e in self.sent if r == room and (kind is None or e["type"] == kind)]
