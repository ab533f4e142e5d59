import hashlib
import secrets
from dataclasses import dataclass

ENVIRONMENTS = ("live", "test")


class MalformedKey(ValueError):
    pass


@dataclass(frozen=True)
class ApiKey:
    env: str
    key_id: str
    secret: str

    def __str__(self) -> str:
        return format_key(self.env, self.key_id, self.secret)


def generate_secret() -> str:
    return secrets.token_urlsafe(18)


def generate_key_id() -> str:
    return secrets.token_hex(4)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def format_key(env: str, key_id: str, secret: str) -> str:
    if env not in ENVIRONMENTS:
        raise ValueError(f"unknown environment {env!r}")
    return f"sk_{env}_{key_id}_{secret}"


def parse_key(raw: str) -> ApiKey:
    parts = raw.strip().split("_")
    if len(parts) != 4 or parts[0] != "sk":
        raise MalformedKey("expected sk_<env>_<id>_<secret>")
    _, env, key_id, secret = parts
    if env not in ENVIRONMENTS:
        raise MalformedKey(f"unknown environment {env!r}")
    return ApiKey(env, key_id, secret)
