import pytest

from busframe import FrameEncoder, FrameError, decode_frame


def test_small_payload_round_trip():
    frame = FrameEncoder().encode("alerts", b'{"level":"warn"}')
    assert decode_frame(frame) == ("alerts", b'{"level":"warn"}')


def test_large_payload_is_deflated():
    payload = b"x" * 5000
    frame = FrameEncoder().encode("bulk", payload)
    assert len(frame) < 200
    assert decode_frame(frame) == ("bulk", payload)


def test_corruption_is_detected():
    frame = bytearray(FrameEncoder().encode("alerts", b"hello"))
    frame[8] ^= 0xFF
    with pytest.raises(FrameError):
        decode_frame(bytes(frame))


def test_encoder_reuse_is_stable():
    enc = FrameEncoder()
    first = enc.encode("a", b"one")
    enc.encode("b", b"two" * 400)
    assert decode_frame(first) == ("a", b"one")
