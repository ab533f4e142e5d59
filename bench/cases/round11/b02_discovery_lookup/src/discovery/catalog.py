from dataclasses import dataclass, field

from . import settings


@dataclass(frozen=True)
class Instance:
    service: str
    address: str
    port: int
    weight: int = 1
    tags: tuple = field(default_factory=tuple)

    @property
    def endpoint(self):
        return "%s:%d" % (self.address, self.port)


def parse_instances(service, rows):
    """Turn catalog rows into healthy Instance objects, heaviest first."""
    out = []
    for row in rows:
        if row.get("check", "passing") not in settings.PASSING_STATES:
            continue
        host, _, port = row["node"].partition(":")
        out.append(Instance(service=service, address=host, port=int(port or 80),
                            weight=int(row.get("weight", 1)),
                            tags=tuple(sorted(row.get("tags", ())))))
    out.sort(key=lambda inst: (-inst.weight, inst.endpoint))
    return out
