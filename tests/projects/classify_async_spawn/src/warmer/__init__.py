"""A read-through cache that warms keys in the background."""

import asyncio


class Cache:
    def __init__(self, store):
        self.store = store
        self._data = {}
        self._loading = set()

    def warm(self, key):
        """Starts loading `key`; returns at once."""
        if key not in self._data:
            self._loading.add(asyncio.ensure_future(self._load(key)))  # @cause

    async def _load(self, key):
        value = await self.store.fetch(key)
        self._data[key] = value

    def peek(self, key):
        return self._data.get(key)

    async def get(self, key):
        if key not in self._data:
            await self._load(key)
        return self._data[key]
