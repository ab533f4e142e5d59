import time
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditEntry:
    tenant: str
    actor: str
    action: str
    target: str
    at: float


class AuditLog:
    def __init__(self):
        self.entries: list[AuditEntry] = []

    def record(self, tenant: str, actor: str, action: str, target: str) -> None:
        self.entries.append(AuditEntry(tenant, actor, action, target, time.time()))

    def for_tenant(self, tenant: str) -> list[AuditEntry]:
        return [e for e in self.entries if e.tenant == tenant]
