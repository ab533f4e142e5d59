import hmac
import time
from dataclasses import dataclass, field

from .keys import ApiKey, MalformedKey, generate_key_id, generate_secret, hash_secret, parse_key


class AuthError(Exception):
    pass


@dataclass
class KeyRecord:
    key_id: str
    env: str
    account: str
    secret_hash: str
    scopes: frozenset
    created_at: float = field(default_factory=time.time)
    revoked: bool = False


class KeyRegistry:
    """Issues API keys; only a hash of the secret is stored."""

    def __init__(self):
        self._records: dict[str, KeyRecord] = {}

    def issue(self, account: str, env: str = "live", scopes=("read",)) -> ApiKey:
        key = ApiKey(env, generate_key_id(), generate_secret())
        self._records[key.key_id] = KeyRecord(key.key_id, env, account,
                                              hash_secret(key.secret), frozenset(scopes))
        return key

    def revoke(self, key_id: str) -> None:
        self._records[key_id].revoked = True

    def authenticate(self, raw: str, scope: str = "read") -> str:
        try:
            key = parse_key(raw)
        except MalformedKey as exc:
            raise AuthError(f"malformed key: {exc}") from None
        rec = self._records.get(key.key_id)
        if rec is None or rec.revoked or rec.env != key.env:
            raise AuthError("unknown or revoked key")
        if not hmac.compare_digest(rec.secret_hash, hash_secret(key.secret)):
            raise AuthError("bad secret")
        if scope not in rec.scopes:
            raise AuthError(f"key lacks scope {scope!r}")
        return rec.account

    def rotate(self, key_id: str) -> ApiKey:
        old = self._records[key_id]
        new = self.issue(old.account, old.env, old.scopes)
        old.revoked = True
        return new

    def keys_for(self, account: str) -> list[str]:
        return sorted(r.key_id for r in self._records.values()
                      if r.account == account and not r.revoked)
