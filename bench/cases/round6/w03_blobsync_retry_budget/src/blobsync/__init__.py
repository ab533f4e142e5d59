from .client import StorageClient, StorageError, Unavailable
from .retry import RetryPolicy

__all__ = ["StorageClient", "StorageError", "Unavailable", "RetryPolicy"]
