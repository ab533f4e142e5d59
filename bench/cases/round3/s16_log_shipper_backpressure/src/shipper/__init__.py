from .handler import ShippingHandler
from .shipper import LogShipper
from .sink import CollectorSink

__all__ = ["CollectorSink", "LogShipper", "ShippingHandler"]
