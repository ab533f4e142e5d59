from .ids import new_id
from .models import Comment
from .store import CommentStore, Page

__all__ = ["new_id", "Comment", "CommentStore", "Page"]
