from .pool import ConnectionPool, PoolExhausted
from .orders import OrderService, OrderLine, total_cents

__all__ = ["ConnectionPool", "PoolExhausted", "OrderService", "OrderLine", "total_cents"]
