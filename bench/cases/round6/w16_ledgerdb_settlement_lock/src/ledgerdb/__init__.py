from .db import connect, init_schema
from .payments import balance, record_payment
from .settlement import SettlementJob

__all__ = ["connect", "init_schema", "balance", "record_payment", "SettlementJob"]
