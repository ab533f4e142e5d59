from .catalog import CatalogClient, UnknownSku
from .importer import ImportFailed, StockImporter
from .store import InventoryStore

__all__ = ["CatalogClient", "UnknownSku", "ImportFailed", "StockImporter", "InventoryStore"]
