from .account import Wallet
from .rates import RateService
from .rewards import CashbackProgram

__all__ = ["CashbackProgram", "RateService", "Wallet"]
