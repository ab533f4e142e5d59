from .db import Connection
from .importer import NightlyImport
from .service import StockService

__all__ = ["Connection", "NightlyImport", "StockService"]
