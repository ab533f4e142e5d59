import hashlib
import hmac
import secrets

from .keys import KeyRing


class TokenError(ValueError):
    pass


def _sign(key: bytes, session_id: str, form_id: str, nonce: str) -> str:
    message = "|".join((session_id, form_id, nonce)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def issue_token(ring: KeyRing, session_id: str, form_id: str) -> str:
    _, key = ring.current()
    nonce = secrets.token_hex(8)
    return f"{nonce}.{_sign(key, session_id, form_id, nonce)}"


def parse_token(token: str):
    nonce, sep, mac = token.partition(".")
    if not sep or len(nonce) != 16 or len(mac) != 32:
        raise TokenError("malformed form token")
    return nonce, mac


def verify_token(ring: KeyRing, token: str, session_id: str, form_id: str) -> bool:
    try:
        nonce, mac = parse_token(token)
    except TokenError:
        return False
    _, key = ring.current()
    expected = _sign(key, session_id, form_id, nonce)
    return hmac.compare_digest(expected, mac)
