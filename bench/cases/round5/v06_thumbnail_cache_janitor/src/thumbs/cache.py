import threading
import time
from dataclasses import dataclass


@dataclass
class Entry:
    data: bytes
    expires_at: float
    hits: int = 0


class AccessLog:
    """Append-only popularity log used to pick thumbnails for pre-rendering."""

    def __init__(self, path):
        self.path = path

    def record(self, key):
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(f"{key}\n")

    def counts(self):
        counts = {}
        try:
            with open(self.path, encoding="utf-8") as fh:
                for line in fh:
                    counts[line.strip()] = counts.get(line.strip(), 0) + 1
        except FileNotFoundError:
            pass
        return counts


class ThumbnailCache:
    def __init__(self, ttl, access_log, clock=time.monotonic):
        self.ttl = ttl
        self.access_log = access_log
        self.clock = clock
        self._entries = {}
        self._lock = threading.Lock()
        self.misses = 0

    def put(self, key, data):
        with self._lock:
            self._entries[key] = Entry(data, self.clock() + self.ttl)

    def contains(self, key):
        with self._lock:
            entry = self._entries.get(key)
            return entry is not None and entry.expires_at > self.clock()

    def get(self, key):
        if self.contains(key):
            self.access_log.record(key)
            entry = self._entries[key]
            entry.hits += 1
            return entry.data
        self.misses += 1
        return None

    def evict_expired(self, horizon=0.0):
        """Drop entries that are stale, or will be before `horizon` seconds pass."""
        now = self.clock() + horizon
        with self._lock:
            stale = [k for k, e in self._entries.items() if e.expires_at <= now]
            for key in stale:
                del self._entries[key]
        return len(stale)

    def __len__(self):
        with self._lock:
            return len(self._entries)


class Janitor:
    def __init__(self, cache, interval):
        self.cache = cache
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="thumb-janitor", daemon=True)
        self.evicted = 0

    def _run(self):
        while not self._stop.wait(self.interval):
            self.evicted += self.cache.evict_expired()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
