from .invoice import Invoice, InvoiceLine
from .batch import InvoiceBatch

__all__ = ["Invoice", "InvoiceLine", "InvoiceBatch"]
