"""Catalog shards. Each shard is a remote index; latency is simulated."""
import random
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    sku: str
    title: str
    score: float
    shard: str


class Shard:
    def __init__(self, name, documents, latency=(0.005, 0.03)):
        self.name = name
        self.documents = dict(documents)
        self.latency = latency
        self.queries = 0

    def _round_trip(self):
        time.sleep(random.uniform(*self.latency))

    def search(self, query):
        self.queries += 1
        self._round_trip()
        terms = query.lower().split()
        hits = []
        for sku, title in self.documents.items():
            words = title.lower().split()
            matched = sum(1 for t in terms if t in words)
            if matched:
                hits.append(Hit(sku, title, matched / len(words), self.name))
        return hits
