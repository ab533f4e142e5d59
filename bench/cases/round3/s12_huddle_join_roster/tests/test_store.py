from huddle import AvatarService


async def test_remove_unknown_is_noop(store):
    await store.remove("x", "nobody")
    assert await store.members("x") == []


async def test_avatar_cached():
    svc = AvatarService()
    assert await svc.url_for("ana") == await svc.url_for("ana")
