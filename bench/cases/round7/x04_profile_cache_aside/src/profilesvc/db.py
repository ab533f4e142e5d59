"""Async access to the profiles table (simulated network latency)."""
import asyncio
import random


class NotFound(KeyError):
    pass


class ProfileDB:
    def __init__(self, rows=None):
        self._rows = {uid: dict(row) for uid, row in (rows or {}).items()}
        self.reads = 0

    async def fetch(self, uid):
        self.reads += 1
        await asyncio.sleep(0.001)
        row = self._rows.get(uid)
        if row is None:
            raise NotFound(uid)
        snapshot = dict(row)
        await asyncio.sleep(random.uniform(0.002, 0.014))   # result set transfer
        return snapshot

    async def update(self, uid, **changes):
        await asyncio.sleep(random.uniform(0.0, 0.012))
        if uid not in self._rows:
            raise NotFound(uid)
        self._rows[uid].update(changes)
        await asyncio.sleep(random.uniform(0.001, 0.006))  # commit ack
        return dict(self._rows[uid])
