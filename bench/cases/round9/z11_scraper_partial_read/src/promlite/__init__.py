from .exposition import MetricFamily, render, parse
from .server import MetricsEndpoint
from .scraper import Scraper

__all__ = ["MetricFamily", "render", "parse", "MetricsEndpoint", "Scraper"]
