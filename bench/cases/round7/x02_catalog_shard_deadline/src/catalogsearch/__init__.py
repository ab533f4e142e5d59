from .searcher import FederatedSearch, SearchResult
from .shards import Shard

__all__ = ["FederatedSearch", "SearchResult", "Shard"]
