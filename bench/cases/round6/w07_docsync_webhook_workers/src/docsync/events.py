import json
from dataclasses import dataclass, field

KINDS = ("created", "renamed", "tagged", "deleted")


class BadEvent(ValueError):
    pass


@dataclass(frozen=True)
class DocEvent:
    kind: str
    doc_id: str
    data: dict = field(default_factory=dict, hash=False)


def parse_webhook(body):
    try:
        raw = json.loads(body)
    except json.JSONDecodeError as exc:
        raise BadEvent(str(exc)) from None
    kind = raw.get("type", "").split(".")[-1]
    if kind not in KINDS:
        raise BadEvent(f"unsupported event type {raw.get('type')!r}")
    return DocEvent(kind, raw["document"]["id"], raw.get("data", {}))
