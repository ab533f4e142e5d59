"""Async inventory store (simulated remote database)."""
import asyncio
import itertools
import random


class InventoryStore:
    def __init__(self):
        self._rows = {}
        self._ids = itertools.count(1)

    async def insert(self, record):
        await asyncio.sleep(random.uniform(0.001, 0.004))
        row_id = next(self._ids)
        self._rows[row_id] = dict(record)
        return row_id

    async def delete_many(self, row_ids):
        for row_id in row_ids:
            await asyncio.sleep(random.uniform(0.001, 0.004))
            self._rows.pop(row_id, None)

    def quantity(self, sku):
        return sum(r["quantity"] for r in self._rows.values() if r["sku"] == sku)

    def rows(self):
        return [self._rows[k] for k in sorted(self._rows)]
