from dataclasses import dataclass

from .ids import kind_of
from .models import Comment


@dataclass
class Page:
    items: list
    next_cursor: str | None


class CommentStore:
    def __init__(self, page_size: int = 20):
        self.page_size = page_size
        self._by_id: dict[str, Comment] = {}

    def add(self, post_id: str, author: str, text: str, parent_id: str | None = None) -> Comment:
        if not text.strip():
            raise ValueError("empty comment")
        if parent_id is not None:
            parent = self._by_id[parent_id]
            if parent.post_id != post_id:
                raise ValueError("reply to a comment of another post")
        comment = Comment(post_id, author, text, parent_id)
        self._by_id[comment.id] = comment
        return comment

    def hide(self, comment_id: str) -> None:
        if kind_of(comment_id) != "cmt":
            raise ValueError(comment_id)
        self._by_id[comment_id].hidden = True

    def _visible(self, post_id: str) -> list[Comment]:
        rows = [c for c in self._by_id.values() if c.post_id == post_id and not c.hidden]
        rows.sort(key=lambda c: c.id)  # ids are the chronological cursor
        return rows

    def page(self, post_id: str, after: str | None = None) -> Page:
        rows = self._visible(post_id)
        if after is not None:
            rows = [c for c in rows if c.id > after]
        items = rows[: self.page_size]
        more = len(rows) > self.page_size
        return Page(items, items[-1].id if more else None)

    def thread(self, post_id: str) -> list[tuple[int, Comment]]:
        """Depth-first (depth, comment) listing for rendering nested replies."""
        rows = self._visible(post_id)
        children: dict[str | None, list[Comment]] = {}
        for c in rows:
            children.setdefault(c.parent_id, []).append(c)
        out: list[tuple[int, Comment]] = []

        def walk(parent, depth):
            for c in children.get(parent, []):
                out.append((depth, c))
                walk(c.id, depth + 1)

        walk(None, 0)
        return out
