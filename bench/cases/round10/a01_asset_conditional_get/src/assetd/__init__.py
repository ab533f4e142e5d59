from .bundler import Bundler
from .client import CachingClient
from .server import AssetServer, Response

__all__ = ["AssetServer", "Bundler", "CachingClient", "Response"]
