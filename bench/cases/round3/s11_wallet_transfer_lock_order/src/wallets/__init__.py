from .accounts import Account, AccountBook
from .transfers import LockTimeout, TransferService, InsufficientFunds

__all__ = ["Account", "AccountBook", "InsufficientFunds", "LockTimeout", "TransferService"]
