from devserve.client import parse_head


def test_parse_head():
    status, headers = parse_head(b"HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\nX-A: b")
    assert status == 404
    assert headers == {"content-length": "3", "x-a": "b"}
