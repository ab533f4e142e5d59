import hashlib
import hmac
import time

from .encoding import b64url, canonical_query, split_url, unb64url


class SignatureError(Exception):
    pass


class LinkExpired(SignatureError):
    pass


class LinkSigner:
    """Signs download paths with an HMAC and an expiry timestamp."""

    def __init__(self, secret: bytes, default_ttl: int = 300, clock=time.time):
        if not secret:
            raise ValueError("secret must not be empty")
        self._secret = secret
        self.default_ttl = default_ttl
        self._clock = clock

    def _expiry(self, ttl: int) -> int:
        issued = int(self._clock())
        return issued + ttl

    def _mac(self, path: str, params: dict) -> str:
        msg = f"{path}?{canonical_query(params)}".encode()
        return b64url(hmac.new(self._secret, msg, hashlib.sha256).digest()[:18])

    def sign(self, path: str, ttl: int | None = None, **params) -> str:
        params = dict(params)
        params["exp"] = self._expiry(ttl if ttl is not None else self.default_ttl)
        params["sig"] = self._mac(path, params)
        return f"{path}?{canonical_query(params)}&sig={params['sig']}"

    def verify(self, url: str) -> dict:
        path, params = split_url(url)
        sig = params.get("sig")
        if not sig or "exp" not in params:
            raise SignatureError("unsigned link")
        expected = self._mac(path, params)
        if not hmac.compare_digest(unb64url(sig), unb64url(expected)):
            raise SignatureError("bad signature")
        if self._clock() >= int(params["exp"]):
            raise LinkExpired(f"link expired at {params['exp']}")
        return {k: v for k, v in params.items() if k not in ("sig", "exp")}
