import hashlib
import hmac
import json


class InvalidPayload(ValueError):
    pass


def encode(payload):
    if not isinstance(payload, dict):
        raise InvalidPayload("payload must be an object")
    try:
        return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    except TypeError as exc:
        raise InvalidPayload(str(exc)) from None


def sign(body, secret):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
