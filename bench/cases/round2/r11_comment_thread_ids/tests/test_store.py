import pytest


def test_empty_comment_rejected(store):
    with pytest.raises(ValueError):
        store.add("post-1", "ana", "   ")


def test_reply_must_share_post(discussion):
    store, root = discussion
    with pytest.raises(ValueError):
        store.add("post-2", "cy", "hi", parent_id=root.id)


def test_pagination_visits_every_comment(store):
    added = {store.add("p", "u", f"c{i}").id for i in range(7)}
    seen, cursor = set(), None
    while True:
        page = store.page("p", after=cursor)
        seen |= {c.id for c in page.items}
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == added


def test_hidden_comment_not_listed(discussion):
    store, root = discussion
    store.hide(root.id)
    assert all(c.id != root.id for c in store.page("post-1").items)


def test_top_level_comments_in_posting_order(discussion):
    store, root = discussion
    later = store.add("post-1", "cy", "Also, see chapter 3")
    tops = [c.author for depth, c in store.thread("post-1") if depth == 0]
    assert tops == ["ana", "cy"]
