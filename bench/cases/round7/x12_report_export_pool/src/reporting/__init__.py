from .exports import CsvExport
from .pool import ConnectionPool, PoolTimeout
from .repo import OrderRepo

__all__ = ["CsvExport", "ConnectionPool", "PoolTimeout", "OrderRepo"]
