from .loader import BatchLoader
from .page import FeedPage, render_post

__all__ = ["BatchLoader", "FeedPage", "render_post"]
