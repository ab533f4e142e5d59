import pytest

from spanlite import InvalidHeader, SpanContext, format_traceparent, parse_traceparent

HEADER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def test_parse_known_header():
    ctx = parse_traceparent(HEADER)
    assert ctx == SpanContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", True)


def test_round_trip():
    assert format_traceparent(parse_traceparent(HEADER)) == HEADER


@pytest.mark.parametrize("bad", ["", "00-abc-def-01",
                                 "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                                 "00-00000000000000000000000000000000-00f067aa0ba902b7-01"])
def test_rejects_invalid(bad):
    with pytest.raises(InvalidHeader):
        parse_traceparent(bad)
