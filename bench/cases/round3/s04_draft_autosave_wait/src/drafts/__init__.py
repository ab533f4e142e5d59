from .autosave import Autosaver
from .editor import Document
from .storage import DraftStorage

__all__ = ["Autosaver", "Document", "DraftStorage"]
