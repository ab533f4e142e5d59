from .publish import Draft, Publisher
from .store import PostStore

__all__ = ["Draft", "Publisher", "PostStore"]
