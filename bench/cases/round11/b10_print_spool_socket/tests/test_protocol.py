import pytest

from spoold import ProtocolError, decode, encode


def test_encode_is_compact_and_sorted():
    assert encode({"op": "submit", "name": "a.pdf"}) == b'{"name":"a.pdf","op":"submit"}\n'


def test_round_trip():
    assert decode(encode({"op": "status"})) == {"op": "status"}


@pytest.mark.parametrize("line", [b"not json", b"[1, 2]", b'{"x": 1}'])
def test_rejects_garbage(line):
    with pytest.raises(ProtocolError):
        decode(line)
