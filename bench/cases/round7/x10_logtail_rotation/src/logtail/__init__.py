from .follower import Follower
from .scanner import AlertScanner
from .writer import RotatingLog

__all__ = ["Follower", "AlertScanner", "RotatingLog"]
