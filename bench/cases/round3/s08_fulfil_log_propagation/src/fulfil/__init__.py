from .allocation import Allocator, Backorder
from .stock import Warehouse

__all__ = ["Allocator", "Backorder", "Warehouse"]
