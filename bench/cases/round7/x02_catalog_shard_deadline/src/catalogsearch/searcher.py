"""Federated search over all catalog shards."""
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from . import config
from .ranking import merge_hits


@dataclass
class SearchResult:
    query: str
    hits: list
    answered: list = field(default_factory=list)

    @property
    def skus(self):
        return [h.sku for h in self.hits]


class FederatedSearch:
    def __init__(self, shards, max_workers=4):
        self.shards = list(shards)
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="shard")

    def close(self):
        self._pool.shutdown(wait=True)

    def _fan_out(self, query):
        futures = {self._pool.submit(shard.search, query): shard for shard in self.shards}
        done, _pending = wait(futures, timeout=config.SHARD_DEADLINE)
        results = []
        for fut in done:
            if fut.exception() is None:
                results.append((futures[fut].name, fut.result()))
        return results

    def search(self, query, limit=config.MAX_RESULTS):
        query = query.strip()
        if not query:
            return SearchResult(query, [])
        answers = self._fan_out(query)
        hits = merge_hits([hits for _, hits in answers], limit)
        return SearchResult(query, hits, sorted(name for name, _ in answers))
