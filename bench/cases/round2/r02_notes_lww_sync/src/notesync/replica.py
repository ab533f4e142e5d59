import threading

from .models import Note


class Replica:
    def __init__(self, name: str):
        self.name = name
        self._notes: dict[str, Note] = {}
        self._lock = threading.Lock()
        self.log: list[str] = []

    def create(self, note_id: str, title: str, body: str = "") -> Note:
        note = Note(note_id, title, body, updated_by=self.name)
        with self._lock:
            self._notes[note_id] = note
        self.log.append(f"create {note_id}")
        return note

    def edit(self, note_id: str, **changes) -> Note:
        with self._lock:
            note = self._notes[note_id].edited(self.name, **changes)
            self._notes[note_id] = note
        self.log.append(f"edit {note_id}")
        return note

    def delete(self, note_id: str) -> None:
        with self._lock:
            self._notes[note_id] = self._notes[note_id].tombstone(self.name)
        self.log.append(f"delete {note_id}")

    def get(self, note_id: str):
        note = self._notes.get(note_id)
        return None if note is None or note.deleted else note

    def visible(self):
        return sorted(n.note_id for n in self._notes.values() if not n.deleted)

    def snapshot(self) -> dict:
        with self._lock:
            return dict(self._notes)

    def load(self, notes: dict) -> None:
        with self._lock:
            self._notes = dict(notes)
