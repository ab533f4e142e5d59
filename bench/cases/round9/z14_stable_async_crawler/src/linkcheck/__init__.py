from .server import SiteServer
from .checker import LinkChecker

__all__ = ["SiteServer", "LinkChecker"]
