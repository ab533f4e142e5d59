from .db import connect
from .threads import ThreadService

__all__ = ["connect", "ThreadService"]
