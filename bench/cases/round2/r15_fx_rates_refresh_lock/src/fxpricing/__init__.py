from .rates import RateCache, RatesBusy, UnknownCurrency
from .provider import StaticProvider
from .pricing import price_cart, Line
from .refresher import Refresher

__all__ = ["RateCache", "RatesBusy", "UnknownCurrency", "StaticProvider",
           "price_cart", "Line", "Refresher"]
