import hashlib
import hmac
import time
from urllib.parse import parse_qs, urlencode, urlsplit


class SignatureError(Exception):
    pass


class UrlSigner:
    """Issues and checks pre-signed PUT URLs (HMAC over method, key and expiry)."""

    def __init__(self, secret, ttl, clock=time.monotonic):
        self.secret = secret
        self.ttl = ttl
        self.clock = clock

    def _mac(self, method, key, expires):
        msg = ("%s\n%s\n%.6f" % (method, key, expires)).encode()
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()

    def presign(self, method, key):
        expires = self.clock() + self.ttl
        query = urlencode({"expires": "%.6f" % expires, "sig": self._mac(method, key, expires)})
        return "https://artifacts.internal/%s?%s" % (key, query)

    def verify(self, method, url):
        parts = urlsplit(url)
        key = parts.path.lstrip("/")
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        expires = float(query["expires"])
        if not hmac.compare_digest(query["sig"], self._mac(method, key, expires)):
            raise SignatureError("bad signature")
        if self.clock() > expires:
            raise SignatureError("url expired")
        return key
