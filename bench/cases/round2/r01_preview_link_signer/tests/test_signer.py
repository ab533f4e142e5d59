import pytest

from linksign import LinkExpired, LinkSigner, SignatureError


def test_roundtrip_returns_params(signer):
    url = signer.sign("/download/x1", u="alice", v=3)
    assert signer.verify(url) == {"u": "alice", "v": "3"}


def test_tampered_param_is_rejected(signer):
    url = signer.sign("/download/x1", u="alice")
    with pytest.raises(SignatureError):
        signer.verify(url.replace("u=alice", "u=mallory"))


def test_other_key_is_rejected(signer):
    url = signer.sign("/download/x1", u="alice")
    with pytest.raises(SignatureError):
        LinkSigner(b"another-key").verify(url)


def test_expired_link_with_fixed_clock():
    now = [1_700_000_000.0]
    s = LinkSigner(b"k", clock=lambda: now[0])
    url = s.sign("/download/x1", ttl=60)
    now[0] += 59.5
    s.verify(url)
    now[0] += 1
    with pytest.raises(LinkExpired):
        s.verify(url)
