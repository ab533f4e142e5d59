from .routing import ZoneTable, check_digit
from .labels import ParcelLabel
from .station import PackingStation, Order

__all__ = ["ZoneTable", "check_digit", "ParcelLabel", "PackingStation", "Order"]
