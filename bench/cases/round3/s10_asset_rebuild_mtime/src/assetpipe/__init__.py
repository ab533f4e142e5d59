from .builder import Builder
from .manifest import Manifest

__all__ = ["Builder", "Manifest"]
