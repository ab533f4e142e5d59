from .index import TagIndex
from .ingest import ingest_parallel, normalise_tag

__all__ = ["TagIndex", "ingest_parallel", "normalise_tag"]
