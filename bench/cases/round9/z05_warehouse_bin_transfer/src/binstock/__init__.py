from .bins import Bin, BinBusy
from .layout import Warehouse
from .moves import move_stock

__all__ = ["Bin", "BinBusy", "Warehouse", "move_stock"]
