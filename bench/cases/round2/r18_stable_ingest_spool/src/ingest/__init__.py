from .spool import Spool
from .collector import Collector
from .stamp import day_bucket

__all__ = ["Spool", "Collector", "day_bucket"]
