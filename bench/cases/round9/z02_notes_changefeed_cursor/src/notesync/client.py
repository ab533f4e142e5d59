import time

from .server import Conflict


class SyncClient:
    """One device's local copy of a user's notes."""

    def __init__(self, server, owner, device):
        self.server = server
        self.owner = owner
        self.device = device
        self.notes = {}
        self.versions = {}
        self.cursor = 0.0

    def edit(self, note_id, body):
        base = self.versions.get(note_id, 0)
        try:
            version = self.server.put(note_id, self.owner, body, base)
        except Conflict:
            remote = self.server.get(note_id)
            version = self.server.put(note_id, self.owner, body, remote["version"])
        self.notes[note_id] = body
        self.versions[note_id] = version
        return version

    def pull(self):
        started = time.time()
        changes = self.server.changes_since(self.owner, self.cursor)
        for change in changes:
            self.notes[change["id"]] = change["body"]
            self.versions[change["id"]] = change["version"]
        self.cursor = started
        return [c["id"] for c in changes]
