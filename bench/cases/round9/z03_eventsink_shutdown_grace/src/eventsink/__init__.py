from .writer import BatchWriter
from .sink import WarehouseSink

__all__ = ["BatchWriter", "WarehouseSink"]
