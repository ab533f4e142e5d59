import itertools
import uuid
from dataclasses import dataclass, field

_order = itertools.count(1)


@dataclass
class Job:
    source: str
    preset: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    seq: int = field(default_factory=lambda: next(_order))
    state: str = "queued"
    output: str = None
    error: str = None

    def as_row(self):
        return {"id": self.id, "seq": self.seq, "source": self.source, "preset": self.preset,
                "state": self.state, "output": self.output}
