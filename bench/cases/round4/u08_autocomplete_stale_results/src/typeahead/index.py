import asyncio
import random
import unicodedata


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


class CatalogIndex:
    """In-memory stand-in for the search cluster (latency grows with hit count)."""

    def __init__(self, titles, base_latency=(0.004, 0.030)):
        self._titles = list(titles)
        self._base = base_latency
        self.queries = []

    def _match(self, prefix):
        p = fold(prefix)
        hits = [t for t in self._titles if any(w.startswith(p) for w in fold(t).split())]
        return sorted(hits, key=lambda t: (len(t), t))

    async def search(self, prefix, limit=5):
        self.queries.append(prefix)
        hits = self._match(prefix)
        await asyncio.sleep(random.uniform(*self._base))
        return hits[:limit]
