import sqlite3
import threading
import time

from .timestamps import epoch_now

SCHEMA = """
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    body TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
)
"""


class Conflict(Exception):
    pass


class NoteServer:
    """In-process stand-in for the sync API; every call costs one round trip."""

    def __init__(self, round_trip: float = 0.18):
        self.round_trip = round_trip
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(SCHEMA)
        self._lock = threading.Lock()

    def _network(self):
        time.sleep(self.round_trip)

    def get(self, note_id):
        self._network()
        with self._lock:
            row = self._db.execute(
                "SELECT id, owner, body, version, updated_at FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
        return None if row is None else dict(zip(("id", "owner", "body", "version", "updated_at"), row))

    def put(self, note_id, owner, body, base_version):
        self._network()
        with self._lock:
            row = self._db.execute("SELECT version FROM notes WHERE id = ?", (note_id,)).fetchone()
            current = row[0] if row else 0
            if current != base_version:
                raise Conflict(f"{note_id}: have v{current}, client based on v{base_version}")
            self._db.execute(
                "INSERT OR REPLACE INTO notes (id, owner, body, version, updated_at) VALUES (?, ?, ?, ?, ?)",
                (note_id, owner, body, current + 1, epoch_now()),
            )
            self._db.commit()
        return current + 1

    def changes_since(self, owner, since):
        self._network()
        with self._lock:
            rows = self._db.execute(
                "SELECT id, body, version, updated_at FROM notes WHERE owner = ? AND updated_at > ? ORDER BY updated_at",
                (owner, since),
            ).fetchall()
        return [dict(zip(("id", "body", "version", "updated_at"), r)) for r in rows]
