import time
from dataclasses import dataclass, field, replace


def _stamp() -> int:
    # stored as whole seconds, like the server's `updated_at` column
    return int(time.time())


@dataclass(frozen=True)
class Note:
    note_id: str
    title: str
    body: str
    updated_at: int = field(default_factory=_stamp)
    updated_by: str = ""
    deleted: bool = False

    def edited(self, by: str, **changes) -> "Note":
        return replace(self, updated_at=_stamp(), updated_by=by, **changes)

    def tombstone(self, by: str) -> "Note":
        return self.edited(by, deleted=True, body="")

    @property
    def version_key(self):
        return (self.updated_at, self.updated_by)
