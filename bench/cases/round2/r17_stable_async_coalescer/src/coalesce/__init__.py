from .backoff import Backoff
from .coalescer import Coalescer
from .workers import WorkerGroup

__all__ = ["Backoff", "Coalescer", "WorkerGroup"]
