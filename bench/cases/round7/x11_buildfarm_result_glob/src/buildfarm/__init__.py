from .collector import ResultCollector
from .launcher import launch_worker

__all__ = ["ResultCollector", "launch_worker"]
