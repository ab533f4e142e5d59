from .ledger import OutOfStock, StockLedger
from .journal import HoldJournal
from .restock import RestockJob

__all__ = ["OutOfStock", "StockLedger", "HoldJournal", "RestockJob"]
