from devserve import http_get


def test_index(server):
    r = http_get(server.port, "/")
    assert r.status == 200 and r.text == "<h1>home</h1>"
    assert r.headers["content-type"] == "text/html"


def test_nested_file(server):
    assert http_get(server.port, "/docs/guide.txt").text == "read me"


def test_missing_file(server):
    assert http_get(server.port, "/nope.css").status == 404


def test_traversal_blocked(server):
    assert http_get(server.port, "/../../etc/passwd").status == 404


def test_restart_keeps_port_after_edit(server, site):
    port = server.port
    (site / "index.html").write_text("<h1>home v2</h1>")
    assert server.restart() == port
    assert "v2" in http_get(port, "/").text
