import pytest

from blogcms.publish import StyleError
from helpers import run_concurrently


def test_publish_renders_html(publisher, make_draft):
    post = publisher.publish(make_draft())
    assert post.slug == "release-notes"
    assert post.html == "<h1>Changes</h1>\n<p>Faster exports.</p>"


def test_second_post_with_same_title_gets_suffix(publisher, make_draft):
    publisher.publish(make_draft())
    assert publisher.publish(make_draft(author="tom")).slug == "release-notes-2"


def test_style_check_blocks_publish(publisher, make_draft, store):
    with pytest.raises(StyleError):
        publisher.publish(make_draft(body="We utilize caching."))
    assert store.all() == []


def test_revise_bumps_revision(publisher, make_draft):
    post = publisher.publish(make_draft())
    assert publisher.revise(post.slug, "Updated.").revision == 2


def test_concurrent_editors_keep_both_posts(publisher, make_draft, store):
    run_concurrently(
        lambda: publisher.publish(make_draft(author="ines")),
        lambda: publisher.publish(make_draft(author="tom")),
    )
    posts = store.all()
    assert sorted(p.author for p in posts) == ["ines", "tom"]
    assert [p.slug for p in posts] == ["release-notes", "release-notes-2"]
