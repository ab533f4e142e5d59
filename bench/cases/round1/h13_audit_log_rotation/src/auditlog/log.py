"""Append-only JSON-lines audit log with size-based rotation.

Layout: <dir>/audit.log is the live file, audit.log.1 .. audit.log.N are
older generations (1 = most recent).
"""
import os
import tempfile
from pathlib import Path

from .events import Event

DEFAULT_DIR = Path(tempfile.gettempdir()) / "auditlog-dev"


class AuditLog:
    def __init__(self, directory=None, max_bytes=64 * 1024, backups=3):
        self.dir = Path(directory) if directory is not None else DEFAULT_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / "audit.log"
        self.max_bytes = max_bytes
        self.backups = backups

    def _size(self):
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def rotate(self):
        for n in range(self.backups - 1, 0, -1):
            src = self.dir / ("audit.log.%d" % n)
            if src.exists():
                os.replace(src, self.dir / ("audit.log.%d" % (n + 1)))
        if self.path.exists():
            os.replace(self.path, self.dir / "audit.log.1")

    def append(self, event):
        line = event.to_line()
        if self._size() + len(line) > self.max_bytes:
            self.rotate()
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(line)

    def events(self, session=None):
        """Events in the live file, optionally for one session."""
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as fh:
            out = [Event.from_line(l) for l in fh if l.strip()]
        return [e for e in out if session is None or e.session == session]

    def generations(self):
        return sorted(p.name for p in self.dir.glob("audit.log*"))
