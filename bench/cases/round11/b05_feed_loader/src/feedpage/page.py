import asyncio


def render_post(post, author):
    handle = "@%s" % author["handle"] if author else "@[deleted]"
    return "%s: %s" % (handle, post["text"])


class FeedPage:
    """Server-side render of a user's home feed plus the 'online now' box."""

    def __init__(self, posts_api, presence_api, users):
        self.posts_api = posts_api
        self.presence_api = presence_api
        self.users = users

    async def _timeline(self, viewer):
        posts = await self.posts_api.timeline(viewer)
        authors = await self.users.load_many([p["author_id"] for p in posts])
        return [render_post(p, a) for p, a in zip(posts, authors)]

    async def _online_box(self, viewer):
        friend_ids = await self.presence_api.online_friends(viewer)
        friends = await self.users.load_many(friend_ids)
        return sorted(f["display_name"] for f in friends)

    async def render(self, viewer):
        timeline, online = await asyncio.gather(self._timeline(viewer),
                                                self._online_box(viewer))
        return {"timeline": timeline, "online": online}
