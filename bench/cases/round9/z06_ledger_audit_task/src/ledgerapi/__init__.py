from .accounts import AccountService, InsufficientFunds
from .audit import AuditTrail
from .db import FakeDatabase

__all__ = ["AccountService", "InsufficientFunds", "AuditTrail", "FakeDatabase"]
