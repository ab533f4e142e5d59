import threading
from dataclasses import dataclass, field

from .rules import compile_rule


@dataclass
class Snapshot:
    version: int
    rules: dict = field(default_factory=dict)


class FlagClient:
    def __init__(self, fetch, segments: dict | None = None):
        self._fetch = fetch
        self._segments = segments or {}
        self._snapshot = Snapshot(version=0)
        self._refresh_lock = threading.Lock()
        self.refreshes = 0

    @property
    def version(self) -> int:
        return self._snapshot.version

    def refresh(self) -> None:
        with self._refresh_lock:
            payload = self._fetch()
            snapshot = Snapshot(version=payload["version"])
            self._snapshot = snapshot
            for name, spec in sorted(payload["flags"].items()):
                snapshot.rules[name] = compile_rule(name, spec, self._segments)
            self.refreshes += 1

    def is_enabled(self, name: str, user: str, default: bool = False) -> bool:
        rule = self._snapshot.rules.get(name)
        if rule is None:
            return default
        return rule.evaluate(user)

    def known_flags(self) -> list[str]:
        return sorted(self._snapshot.rules)
