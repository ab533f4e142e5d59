from .cache import CachedResponse, ResponseCache
from .headers import parse_cache_control

__all__ = ["CachedResponse", "ResponseCache", "parse_cache_control"]
