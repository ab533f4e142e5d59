import hashlib
import zlib

PROFILES = {
    "thumb": {"level": 1, "repeat": 1},
    "web": {"level": 6, "repeat": 2},
    "archive": {"level": 9, "repeat": 3},
}


class EncodeError(Exception):
    pass


def encode(data, profile):
    try:
        settings = PROFILES[profile]
    except KeyError:
        raise EncodeError(f"unknown profile {profile!r}") from None
    if not data:
        raise EncodeError("empty input")
    body = zlib.compress(data * settings["repeat"], settings["level"])
    header = hashlib.sha1(body).hexdigest()[:12].encode()
    return header + b"\n" + body
