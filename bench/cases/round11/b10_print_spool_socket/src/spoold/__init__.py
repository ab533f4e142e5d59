from .protocol import encode, decode, ProtocolError
from .server import SpoolServer, default_socket_path
from .client import SpoolClient

__all__ = ["encode", "decode", "ProtocolError", "SpoolServer", "default_socket_path", "SpoolClient"]
