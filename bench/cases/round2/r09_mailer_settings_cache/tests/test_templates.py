import pytest

from mailer import render


def test_render_without_footer():
    subject, body = render("reset", {"brand": "B", "name": "N", "code": "123"}, footer=False)
    assert subject == "Reset your B password"
    assert body.endswith("use code 123.\n")


def test_render_footer_mentions_brand():
    _, body = render("welcome", {"brand": "B", "name": "N"}, footer=True)
    assert "account at B" in body


def test_unknown_template():
    with pytest.raises(LookupError):
        render("nope", {}, footer=False)


def test_missing_placeholder_fails():
    with pytest.raises(KeyError):
        render("receipt", {"brand": "B", "name": "N"}, footer=False)
