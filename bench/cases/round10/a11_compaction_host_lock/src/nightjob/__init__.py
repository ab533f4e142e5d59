from .lockfile import JobLock
from .scheduler import launch

__all__ = ["JobLock", "launch"]
