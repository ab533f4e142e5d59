from .registry import StatsRegistry
from .middleware import timed

__all__ = ["StatsRegistry", "timed"]
