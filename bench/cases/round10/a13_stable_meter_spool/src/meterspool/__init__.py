from .spool import Spool
from .counter import UsageCounter

__all__ = ["Spool", "UsageCounter"]
