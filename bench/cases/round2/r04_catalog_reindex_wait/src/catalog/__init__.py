from .index import InvertedIndex, tokenize
from .reindexer import Reindexer

__all__ = ["InvertedIndex", "tokenize", "Reindexer"]
