import re

HANDLE_RE = re.compile(r"^[a-z0-9_]{3,20}$")


class ProfileError(ValueError):
    pass


class ProfileService:
    def __init__(self, client):
        self.client = client

    async def create(self, user_id, handle, display_name):
        if not HANDLE_RE.match(handle):
            raise ProfileError(f"invalid handle {handle!r}")
        profile = {"id": user_id, "handle": handle, "display_name": display_name.strip(), "bio": ""}
        await self.client.write(f"user:{user_id}", profile)
        return profile

    async def get(self, user_id):
        profile = await self.client.read(f"user:{user_id}")
        if profile is None:
            raise KeyError(user_id)
        return profile

    async def update_bio(self, user_id, bio):
        if len(bio) > 160:
            raise ProfileError("bio too long")
        profile = dict(await self.get(user_id))
        profile["bio"] = bio
        await self.client.write(f"user:{user_id}", profile)
        return profile
