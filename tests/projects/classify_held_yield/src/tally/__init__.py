from .pool import Pool, PoolTimeout
from .ledger import Ledger

__all__ = ["Pool", "PoolTimeout", "Ledger"]
