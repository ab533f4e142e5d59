from .stats import TransferStats
from .transport import BlockStore
from .uploader import Uploader
from .watcher import FolderSync

__all__ = ["BlockStore", "FolderSync", "TransferStats", "Uploader"]
