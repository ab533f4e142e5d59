from .server import NoteServer
from .client import SyncClient

__all__ = ["NoteServer", "SyncClient"]
