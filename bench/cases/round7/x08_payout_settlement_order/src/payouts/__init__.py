from .ledger import Entry, parse_statement
from .reconcile import ReconciliationError, reconcile
from .run import SettlementRun

__all__ = ["Entry", "parse_statement", "ReconciliationError", "reconcile", "SettlementRun"]
