import asyncio
import random


class FakeDatabase:
    """Async key/row store with per-query latency, like a pooled Postgres client."""

    def __init__(self, latency=(0.001, 0.02)):
        self.latency = latency
        self.tables = {}

    async def _io(self):
        await asyncio.sleep(random.uniform(*self.latency))

    async def insert(self, table, row):
        await self._io()
        self.tables.setdefault(table, []).append(dict(row))

    async def select(self, table, **where):
        await self._io()
        rows = self.tables.get(table, [])
        return [dict(r) for r in rows if all(r.get(k) == v for k, v in where.items())]

    async def upsert(self, table, key, row):
        await self._io()
        rows = self.tables.setdefault(table, [])
        for existing in rows:
            if existing[key] == row[key]:
                existing.update(row)
                return
        rows.append(dict(row))
