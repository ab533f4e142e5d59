from sitegen import parse_page
from sitegen.pages import render_page


def test_front_matter_title():
    page = parse_page("x", "---\ntitle: Nice\n---\nbody")
    assert (page.title, page.body) == ("Nice", "body")


def test_title_from_slug():
    assert parse_page("my-first-post", "hi").title == "My First Post"


def test_render_escapes():
    page = parse_page("x", "a < b")
    assert "a &lt; b" in render_page(page, "S", "/")
