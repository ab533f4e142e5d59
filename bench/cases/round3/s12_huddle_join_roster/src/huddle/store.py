"""Presence store (Redis in production) and avatar lookup, simulated."""
import asyncio
import random


class PresenceStore:
    def __init__(self, latency=(0.005, 0.03)):
        self._rooms = {}
        self._latency = latency

    async def _rtt(self):
        await asyncio.sleep(random.uniform(*self._latency))

    async def add(self, room, user):
        await self._rtt()
        self._rooms.setdefault(room, set()).add(user)

    async def remove(self, room, user):
        await self._rtt()
        self._rooms.get(room, set()).discard(user)

    async def members(self, room):
        snapshot = sorted(self._rooms.get(room, ()))
        await self._rtt()
        return snapshot


class AvatarService:
    def __init__(self, latency=(0.01, 0.04)):
        self._latency = latency
        self._cache = {}

    async def url_for(self, user):
        if user not in self._cache:
            await asyncio.sleep(random.uniform(*self._latency))
            self._cache[user] = "https://cdn.example.com/a/%s.png" % user
        return self._cache[user]
