from .coordinator import crawl, shard_urls
from .resultlog import read_results

__all__ = ["crawl", "shard_urls", "read_results"]
