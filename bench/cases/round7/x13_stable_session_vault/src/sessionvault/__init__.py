from .clock import SystemClock, ManualClock
from .store import SessionStore
from .janitor import Janitor

__all__ = ["SystemClock", "ManualClock", "SessionStore", "Janitor"]
