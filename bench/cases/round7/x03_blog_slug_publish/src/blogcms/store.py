import threading
from dataclasses import dataclass


@dataclass
class Post:
    slug: str
    title: str
    author: str
    html: str
    revision: int = 1


class PostStore:
    """In-memory post table; every operation is atomic."""

    def __init__(self):
        self._posts = {}
        self._lock = threading.Lock()

    def exists(self, slug):
        with self._lock:
            return slug in self._posts

    def put(self, post):
        with self._lock:
            self._posts[post.slug] = post

    def get(self, slug):
        with self._lock:
            return self._posts.get(slug)

    def delete(self, slug):
        with self._lock:
            return self._posts.pop(slug, None) is not None

    def all(self):
        with self._lock:
            return sorted(self._posts.values(), key=lambda p: p.slug)
