from .amounts import to_cents
from .matching import BankLine, Invoice, reconcile

__all__ = ["to_cents", "BankLine", "Invoice", "reconcile"]
