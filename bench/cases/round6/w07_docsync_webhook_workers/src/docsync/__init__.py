from .events import DocEvent, parse_webhook
from .ingest import Ingestor
from .handlers import HANDLERS

__all__ = ["DocEvent", "parse_webhook", "Ingestor", "HANDLERS"]
