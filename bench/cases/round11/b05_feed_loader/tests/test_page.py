from feedpage import FeedPage, render_post


def test_render_post_for_deleted_author():
    assert render_post({"text": "hi"}, None) == "@[deleted]: hi"


async def test_timeline_renders_handles(posts_api, presence_api, users):
    page = FeedPage(posts_api, presence_api, users)
    lines = await page._timeline(viewer=1)
    assert lines[0] == "@grace: shipping the compiler"


async def test_home_page_shows_timeline_and_online_friends(posts_api, presence_api, users):
    page = FeedPage(posts_api, presence_api, users)
    html = await page.render(viewer=1)
    assert html["timeline"][1] == "@linus: merge window is open"
    assert html["online"] == ["Barbara L.", "Ken T."]
