from .ids import new_id


class CommentRepository:
    def __init__(self, conn):
        self.conn = conn

    def create_post(self, title, author):
        post_id = new_id("post")
        self.conn.execute("INSERT INTO posts (id, title, author) VALUES (?, ?, ?)", (post_id, title, author))
        return post_id

    def add(self, post_id, author, body, parent_id=None):
        comment_id = new_id("cmt")
        self.conn.execute(
            "INSERT INTO comments (id, post_id, author, body, parent_id) VALUES (?, ?, ?, ?, ?)",
            (comment_id, post_id, author, body, parent_id),
        )
        return comment_id

    def for_post(self, post_id):
        return self.conn.execute(
            "SELECT id, author, body, parent_id, created_at FROM comments "
            "WHERE post_id = ? ORDER BY created_at, id",
            (post_id,),
        ).fetchall()

    def count(self, post_id):
        return self.conn.execute("SELECT COUNT(*) FROM comments WHERE post_id = ?", (post_id,)).fetchone()[0]
