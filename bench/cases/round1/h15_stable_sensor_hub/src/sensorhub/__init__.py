from .aggregate import Aggregator, window_of
from .poller import Poller, backoff_schedule
from .relay import AsyncRelay

__all__ = ["Aggregator", "window_of", "Poller", "backoff_schedule", "AsyncRelay"]
