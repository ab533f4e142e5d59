from .checkout import Checkout, PaymentFailed
from .gateway import FakeGateway, GatewayTimeout

__all__ = ["Checkout", "FakeGateway", "GatewayTimeout", "PaymentFailed"]
