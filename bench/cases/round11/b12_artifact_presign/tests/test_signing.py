import pytest

from artifacts import SignatureError, UrlSigner


class ManualClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_valid_url_verifies():
    clock = ManualClock()
    signer = UrlSigner(b"k", ttl=60, clock=clock)
    url = signer.presign("PUT", "builds/7/app.whl")
    clock.now += 59
    assert signer.verify("PUT", url) == "builds/7/app.whl"


def test_expired_url_is_refused():
    clock = ManualClock()
    signer = UrlSigner(b"k", ttl=60, clock=clock)
    url = signer.presign("PUT", "builds/7/app.whl")
    clock.now += 61
    with pytest.raises(SignatureError, match="expired"):
        signer.verify("PUT", url)


def test_tampered_key_is_refused():
    signer = UrlSigner(b"k", ttl=60, clock=ManualClock())
    url = signer.presign("PUT", "builds/7/app.whl").replace("app.whl", "evil.whl")
    with pytest.raises(SignatureError, match="signature"):
        signer.verify("PUT", url)
