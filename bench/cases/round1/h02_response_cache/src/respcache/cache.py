"""In-process cache for upstream HTTP responses with refresh-ahead.

Entries carry the server-style ``Date`` of when they were stored; an entry is
served until it reaches ``max-age`` and is flagged for a background refresh
once it has used up ``refresh_ratio`` of its lifetime.
"""
import time
from dataclasses import dataclass, field

from .headers import max_age_of


@dataclass
class CachedResponse:
    url: str
    status: int
    body: bytes
    date: float
    max_age: int
    headers: dict = field(default_factory=dict)

    def age(self):
        return time.time() - self.date

    @property
    def etag(self):
        return self.headers.get("ETag")


class ResponseCache:
    def __init__(self, refresh_ratio=0.7, max_entries=256):
        self.refresh_ratio = refresh_ratio
        self.max_entries = max_entries
        self._entries = {}

    def store(self, url, status, body, headers=None):
        headers = dict(headers or {})
        max_age = max_age_of(headers)
        if status != 200 or max_age is None:
            self._entries.pop(url, None)
            return None
        if len(self._entries) >= self.max_entries:
            oldest = min(self._entries.values(), key=lambda e: e.date)
            del self._entries[oldest.url]
        # Date header semantics: whole seconds, like the origin would send.
        stamped = int(time.time())
        entry = CachedResponse(url, status, body, stamped, max_age, headers)
        self._entries[url] = entry
        return entry

    def lookup(self, url):
        entry = self._entries.get(url)
        if entry is None:
            return None
        if entry.age() >= entry.max_age:
            del self._entries[url]
            return None
        return entry

    def needs_refresh(self, url):
        entry = self.lookup(url)
        if entry is None:
            return True
        return entry.age() >= entry.max_age * self.refresh_ratio

    def revalidation_headers(self, url):
        entry = self._entries.get(url)
        if entry is None or entry.etag is None:
            return {}
        return {"If-None-Match": entry.etag}

    def __len__(self):
        return len(self._entries)
