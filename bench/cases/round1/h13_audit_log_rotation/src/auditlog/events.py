import json
import time
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Event:
    session: str
    actor: str
    action: str
    detail: str
    ts: float

    def to_line(self):
        return json.dumps(asdict(self), sort_keys=True) + "\n"

    @classmethod
    def from_line(cls, line):
        return cls(**json.loads(line))


def make_event(session, actor, action, detail=""):
    if not action or " " in action:
        raise ValueError("action must be a single token")
    return Event(session, actor, action, detail, round(time.time(), 3))
