from .client import SpellClient, SpellError
from .server import SpellServer

__all__ = ["SpellClient", "SpellError", "SpellServer"]
