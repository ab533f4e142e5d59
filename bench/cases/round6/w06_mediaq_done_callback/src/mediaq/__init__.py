from .catalog import Catalog, CatalogEntry
from .pipeline import Asset, Pipeline

__all__ = ["Catalog", "CatalogEntry", "Asset", "Pipeline"]
