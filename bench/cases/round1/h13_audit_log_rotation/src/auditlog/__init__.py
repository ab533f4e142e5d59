from .log import AuditLog, DEFAULT_DIR
from .events import Event, make_event

__all__ = ["AuditLog", "DEFAULT_DIR", "Event", "make_event"]
