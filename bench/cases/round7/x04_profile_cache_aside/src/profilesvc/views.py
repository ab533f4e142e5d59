import html


class ProfilePage:
    """Server-side rendering of the public profile page."""

    def __init__(self, service, cdn="https://cdn.example.test"):
        self.service = service
        self.cdn = cdn

    async def render(self, uid):
        profile = await self.service.get_profile(uid)
        avatar = "%s/avatars/%s" % (self.cdn, profile.get("avatar") or "default.png")
        return (
            '<h1 class="name">%s</h1>\n<img src="%s">\n<p>%s</p>'
            % (html.escape(profile["display_name"]), avatar, html.escape(profile.get("bio", "")))
        )

    async def rename(self, uid, new_name):
        new_name = new_name.strip()
        if not new_name:
            raise ValueError("display name required")
        return await self.service.update_profile(uid, display_name=new_name)
