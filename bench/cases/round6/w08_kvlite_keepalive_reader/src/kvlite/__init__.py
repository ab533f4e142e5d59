from .client import Client
from .protocol import KVError, ProtocolError

__all__ = ["Client", "KVError", "ProtocolError"]
