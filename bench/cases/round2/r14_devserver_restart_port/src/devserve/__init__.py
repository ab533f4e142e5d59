from .client import Response, http_get
from .control import ServerProcess, StartError

__all__ = ["Response", "http_get", "ServerProcess", "StartError"]
