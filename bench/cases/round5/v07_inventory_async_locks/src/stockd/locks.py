import asyncio


class KeyedLocks:
    """One asyncio.Lock per key, so different SKUs never wait on each other."""

    def __init__(self):
        self._locks = {}

    def lock_for(self, key):
        return self._locks.get(key, asyncio.Lock())

    def __len__(self):
        return len(self._locks)
