from .venues import VenueClient
from .aggregator import Aggregator, BestQuote
from .pipeline import OrderPipeline

__all__ = ["VenueClient", "Aggregator", "BestQuote", "OrderPipeline"]
