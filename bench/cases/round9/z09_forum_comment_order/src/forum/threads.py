from .repository import CommentRepository

MAX_BODY = 2000


class ThreadService:
    def __init__(self, conn):
        self.repo = CommentRepository(conn)

    def start(self, title, author):
        return self.repo.create_post(title, author)

    def reply(self, post_id, author, body, parent_id=None):
        body = body.strip()
        if not body:
            raise ValueError("empty comment")
        if len(body) > MAX_BODY:
            raise ValueError("comment too long")
        return self.repo.add(post_id, author, body, parent_id)

    def render(self, post_id):
        """Nested comment tree as indented lines, replies under their parent."""
        rows = self.repo.for_post(post_id)
        children = {}
        for row in rows:
            children.setdefault(row["parent_id"], []).append(row)
        lines = []

        def walk(parent, depth):
            for row in children.get(parent, []):
                lines.append("  " * depth + f"{row['author']}: {row['body']}")
                walk(row["id"], depth + 1)

        walk(None, 0)
        return lines
