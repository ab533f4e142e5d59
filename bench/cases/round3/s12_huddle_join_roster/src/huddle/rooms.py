import asyncio


class RoomService:
    def __init__(self, store, avatars, hub):
        self._store = store
        self._avatars = avatars
        self._hub = hub
        self._background = set()

    def _spawn(self, coro):
        task = asyncio.get_running_loop().create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def join(self, room, user):
        self._spawn(self._announce(room, user, "joined"))
        await self._store.add(room, user)

    async def leave(self, room, user):
        await self._store.remove(room, user)
        self._spawn(self._announce(room, user, "left"))

    async def _announce(self, room, user, kind):
        avatar = await self._avatars.url_for(user)
        roster = await self._store.members(room)
        await self._hub.send(room, {"type": kind, "user": user, "avatar": avatar, "roster": roster})

    async def flush(self):
        while self._background:
            await asyncio.gather(*list(self._background))
