from .server import RelayServer
from .client import RelayClient
from .fanout import Fanout

__all__ = ["Fanout", "RelayClient", "RelayServer"]
