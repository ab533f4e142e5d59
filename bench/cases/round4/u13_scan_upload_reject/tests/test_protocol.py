import pytest

from scanarchive.protocol import ProtocolError, parse_request_line, parse_response, request_line


def test_request_roundtrip():
    assert parse_request_line(request_line("t", "a.pdf", 12)) == ("t", "a.pdf", 12)


def test_names_with_spaces_rejected():
    with pytest.raises(ProtocolError):
        request_line("t", "my scan.pdf", 1)


def test_parse_response():
    assert parse_response(b"413 too big\n") == (413, "too big")
