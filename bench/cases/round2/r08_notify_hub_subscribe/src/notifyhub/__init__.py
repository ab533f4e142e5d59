from .broker import FakeBroker
from .hub import Hub, Subscription

__all__ = ["FakeBroker", "Hub", "Subscription"]
