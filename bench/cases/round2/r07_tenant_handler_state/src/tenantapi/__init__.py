from .handlers import InvoiceHandler, Request
from .repo import InvoiceRepo
from .audit import AuditLog

__all__ = ["InvoiceHandler", "Request", "InvoiceRepo", "AuditLog"]
