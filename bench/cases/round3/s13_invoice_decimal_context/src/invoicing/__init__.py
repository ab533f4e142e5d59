from .fx import FxTable, convert
from .invoice import Invoice, Line

__all__ = ["FxTable", "Invoice", "Line", "convert"]
