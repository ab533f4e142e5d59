import pytest


def test_empty_comment_rejected(forum, post):
    with pytest.raises(ValueError):
        forum.reply(post, "bo", "   ")


def test_long_comment_rejected(forum, post):
    with pytest.raises(ValueError):
        forum.reply(post, "bo", "x" * 2001)


def test_reply_nested_under_parent(forum, post):
    first = forum.reply(post, "bo", "Try a burr grinder")
    forum.reply(post, "ana", "Thanks!", parent_id=first)
    assert forum.render(post) == ["bo: Try a burr grinder", "  ana: Thanks!"]


def test_comments_shown_in_posting_order(forum, post):
    forum.reply(post, "bo", "Comandante C40")
    forum.reply(post, "cy", "Second the C40, or a 1Zpresso")
    assert forum.render(post) == [
        "bo: Comandante C40",
        "cy: Second the C40, or a 1Zpresso",
    ]


def test_count(forum, post):
    forum.reply(post, "bo", "hi")
    assert forum.repo.count(post) == 1
