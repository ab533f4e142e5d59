from .model import ServiceModel
from .simulate import LatencySimulator
from .stats import percentile, summarize

__all__ = ["LatencySimulator", "ServiceModel", "percentile", "summarize"]
