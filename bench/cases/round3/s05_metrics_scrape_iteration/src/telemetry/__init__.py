from .exporter import TextExporter
from .registry import Registry
from .middleware import RequestMetrics

__all__ = ["Registry", "RequestMetrics", "TextExporter"]
