import hashlib
import time
from dataclasses import dataclass, field


@dataclass
class Rule:
    name: str
    enabled: bool
    percent: int = 100
    allow: frozenset = field(default_factory=frozenset)
    deny: frozenset = field(default_factory=frozenset)

    def bucket(self, user: str) -> int:
        digest = hashlib.sha1(f"{self.name}:{user}".encode()).digest()
        return int.from_bytes(digest[:2], "big") % 100

    def evaluate(self, user: str) -> bool:
        if not self.enabled or user in self.deny:
            return False
        if user in self.allow:
            return True
        return self.bucket(user) < self.percent


def _resolve_segment(segment: str, segments: dict) -> frozenset:
    # segments are resolved against the user directory service
    time.sleep(0.002)
    return frozenset(segments.get(segment, ()))


def compile_rule(name: str, spec: dict, segments: dict) -> Rule:
    allow = frozenset(spec.get("allow", ()))
    for seg in spec.get("allow_segments", ()):
        allow |= _resolve_segment(seg, segments)
    deny = frozenset(spec.get("deny", ()))
    return Rule(name, bool(spec.get("enabled", False)), int(spec.get("percent", 100)), allow, deny)
