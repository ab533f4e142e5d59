from .backoff import Backoff
from .relay import Delivery, Relay, TemporaryFailure

__all__ = ["Backoff", "Delivery", "Relay", "TemporaryFailure"]
