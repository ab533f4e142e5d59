from .config import ShipperConfig
from .records import LogRecord, parse_line
from .shipper import Shipper, ShipReport

__all__ = ["ShipperConfig", "LogRecord", "parse_line", "Shipper", "ShipReport"]
