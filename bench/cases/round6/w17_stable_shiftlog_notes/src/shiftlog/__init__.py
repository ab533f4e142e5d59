from .clock import FixedClock, SystemClock
from .notes import Note, NoteStore
from .rota import shift_for
from .digest import DigestWorker

__all__ = ["FixedClock", "SystemClock", "Note", "NoteStore", "shift_for", "DigestWorker"]
