from .orders import Order, OrderLine
from .wave import Wave, build_wave

__all__ = ["Order", "OrderLine", "Wave", "build_wave"]
