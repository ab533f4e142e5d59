import pytest

from assetd.bundler import minify_css
from assetd.httpdate import format_http_date, parse_http_date

BASE = [("reset.css", "body { margin: 0; }"), ("layout.css", ".grid { display: grid; }")]


def test_minify_strips_comments_and_whitespace():
    css = "/* header */\n.a  {  color : red ;  }\n"
    assert minify_css(css) == ".a{color:red;}"


def test_http_date_roundtrip():
    stamp = 1_767_225_600
    assert parse_http_date(format_http_date(stamp)) == stamp
    assert parse_http_date("not a date") is None


def test_missing_asset_is_404(server):
    assert server.get("/missing.css").status == 404


def test_path_outside_root_is_rejected(server):
    assert server.get("/../etc/passwd").status == 404


def test_plain_get_has_content_type(server):
    resp = server.get("/robots.txt")
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "text/plain"
    assert resp.body.startswith(b"User-agent")


def test_unchanged_asset_is_served_from_cache(client, server):
    first = client.fetch("/robots.txt")
    second = client.fetch("/robots.txt")
    assert first == second
    assert server.hits["304"] == 1
    assert client.revalidations == 1


def test_rebuilt_stylesheet_reaches_the_browser(client, server, bundler):
    bundler.build(BASE)
    assert b".grid{display:grid;}" in client.fetch("/app.css")

    bundler.build(BASE[:1] + [("theme.css", ".btn { color: teal; }")])
    body = client.fetch("/app.css")
    assert b".btn{color:teal;}" in body
    assert server.hits["200"] == 2


def test_forget_forces_full_download(client, server):
    client.fetch("/robots.txt")
    client.forget("/robots.txt")
    client.fetch("/robots.txt")
    assert server.hits == {"200": 2, "304": 0, "404": 0}
