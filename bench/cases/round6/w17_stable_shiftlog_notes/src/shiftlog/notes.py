import json
import os
import tempfile
import threading
import uuid
from dataclasses import asdict, dataclass


@dataclass
class Note:
    note_id: str
    author: str
    text: str
    created: str
    seq: int
    urgent: bool = False


class NoteStore:
    def __init__(self, root, clock):
        self.root = root
        self.clock = clock
        self._lock = threading.Lock()
        self._seq = 0
        os.makedirs(root, exist_ok=True)

    def add(self, author, text, urgent=False):
        with self._lock:
            self._seq += 1
            seq = self._seq
        note = Note(uuid.uuid4().hex, author, text, self.clock.now().isoformat(), seq, urgent)
        fd, tmp = tempfile.mkstemp(dir=self.root, suffix=".part")
        with os.fdopen(fd, "w") as f:
            json.dump(asdict(note), f)
        os.replace(tmp, os.path.join(self.root, f"{note.note_id}.json"))
        return note

    def all(self):
        notes = []
        for name in os.listdir(self.root):
            if name.endswith(".json"):
                with open(os.path.join(self.root, name)) as f:
                    notes.append(Note(**json.load(f)))
        return sorted(notes, key=lambda n: n.seq)

    def urgent(self):
        return [n for n in self.all() if n.urgent]
