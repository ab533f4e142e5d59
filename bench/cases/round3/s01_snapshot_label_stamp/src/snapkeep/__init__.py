from .clock import stamp, utcnow
from .compress import ThrottledPacker
from .snapshot import IntegrityError, Manifest, SnapshotManager
from .store import MemoryStore

__all__ = [
    "IntegrityError",
    "Manifest",
    "MemoryStore",
    "SnapshotManager",
    "ThrottledPacker",
    "stamp",
    "utcnow",
]
