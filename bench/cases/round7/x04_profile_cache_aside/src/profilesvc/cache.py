"""Thin async client for the shared cache (memcached-like semantics)."""
import asyncio
import copy


class AsyncCache:
    def __init__(self):
        self._data = {}
        self.hits = 0
        self.misses = 0

    async def get(self, key):
        await asyncio.sleep(0)
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        return copy.deepcopy(value)

    async def set(self, key, value):
        await asyncio.sleep(0)
        self._data[key] = copy.deepcopy(value)

    async def delete(self, key):
        await asyncio.sleep(0)
        self._data.pop(key, None)

    def keys(self):
        return sorted(self._data)
