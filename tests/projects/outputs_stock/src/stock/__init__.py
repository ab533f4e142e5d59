from .ledger import Ledger

__all__ = ["Ledger"]
