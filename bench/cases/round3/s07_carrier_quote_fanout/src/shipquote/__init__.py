from .carriers import Carrier, CarrierDown, Parcel
from .aggregator import QuoteBoard

__all__ = ["Carrier", "CarrierDown", "Parcel", "QuoteBoard"]
