from .cache import WriteBehindCache
from .autosave import Autosaver
from .session import DraftSession, word_count

__all__ = ["WriteBehindCache", "Autosaver", "DraftSession", "word_count"]
