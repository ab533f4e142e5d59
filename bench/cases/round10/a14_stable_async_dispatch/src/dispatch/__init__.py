from .board import DispatchBoard
from .drivers import DriverPool

__all__ = ["DispatchBoard", "DriverPool"]
