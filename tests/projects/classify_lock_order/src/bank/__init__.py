from .transfers import Account, transfer
