import secrets
import time
from dataclasses import dataclass, field


@dataclass
class Span:
    name: str
    trace_id: str
    parent_id: str | None
    sampled: bool
    span_id: str = field(default_factory=lambda: secrets.token_hex(8))
    start: float = field(default_factory=time.perf_counter)
    end: float | None = None
    status: str = "ok"
    attributes: dict = field(default_factory=dict)
    events: list = field(default_factory=list)

    def set(self, key, value):
        self.attributes[key] = value
        return self

    def record_exception(self, exc):
        self.status = "error"
        self.events.append({"name": "exception", "type": type(exc).__name__, "message": str(exc)})

    @property
    def duration_ms(self):
        return None if self.end is None else (self.end - self.start) * 1000
