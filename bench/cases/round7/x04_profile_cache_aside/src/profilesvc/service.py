from .db import NotFound

EDITABLE = {"display_name", "bio", "avatar"}


def _key(uid):
    return "profile:%s" % uid


class ProfileService:
    def __init__(self, db, cache):
        self.db = db
        self.cache = cache

    async def get_profile(self, uid):
        cached = await self.cache.get(_key(uid))
        if cached is not None:
            return cached
        profile = await self.db.fetch(uid)
        await self.cache.set(_key(uid), profile)
        return profile

    async def update_profile(self, uid, **changes):
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError("not editable: %s" % ", ".join(sorted(unknown)))
        updated = await self.db.update(uid, **changes)
        await self.cache.delete(_key(uid))
        return updated

    async def exists(self, uid):
        try:
            await self.get_profile(uid)
        except NotFound:
            return False
        return True
