from .money import Money, parse_amount
from .gateway import Gateway, ChargeDeclined
from .client import CheckoutClient, GatewayTimeout

__all__ = ["Money", "parse_amount", "Gateway", "ChargeDeclined",
           "CheckoutClient", "GatewayTimeout"]
