import re
import threading
from collections import defaultdict

_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset({"a", "an", "and", "the", "of", "for", "with"})


def tokenize(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


class InvertedIndex:
    def __init__(self):
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._docs: dict[str, str] = {}
        self._lock = threading.Lock()
        self.generation = 0

    def add(self, doc_id: str, text: str) -> None:
        with self._lock:
            self._docs[doc_id] = text
            for term in tokenize(text):
                self._postings[term].add(doc_id)

    def swap_in(self, other: "InvertedIndex") -> None:
        with self._lock, other._lock:
            self._postings = other._postings
            self._docs = other._docs
            self.generation += 1

    def search(self, query: str) -> list[str]:
        terms = tokenize(query)
        if not terms:
            return []
        with self._lock:
            hits = set(self._postings.get(terms[0], ()))
            for t in terms[1:]:
                hits &= self._postings.get(t, set())
        return sorted(hits)

    def __len__(self):
        return len(self._docs)
