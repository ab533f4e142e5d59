from .models import Note
from .replica import Replica
from .merge import merge_notes, reconcile

__all__ = ["Note", "Replica", "merge_notes", "reconcile"]
