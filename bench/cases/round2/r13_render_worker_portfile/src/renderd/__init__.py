from .supervisor import Supervisor, WorkerError

__all__ = ["Supervisor", "WorkerError"]
