from .client import FeatureClient
from .node import CacheNode, Warming

__all__ = ["CacheNode", "FeatureClient", "Warming"]
