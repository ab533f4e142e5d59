import threading
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

from . import settings
from .catalog import parse_instances


class LookupFailed(Exception):
    pass


class _Entry:
    __slots__ = ("instances", "expires", "cursor")

    def __init__(self, instances, expires):
        self.instances = instances
        self.expires = expires
        self.cursor = 0


class Resolver:
    """Caches catalog lookups and hands out endpoints round-robin."""

    def __init__(self, catalog, ttl=settings.CACHE_TTL, timeout=settings.LOOKUP_TIMEOUT,
                 workers=settings.LOOKUP_WORKERS):
        self.catalog = catalog
        self.ttl = ttl
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lookup")
        self._cache = {}
        self._lock = threading.Lock()

    def close(self):
        self._pool.shutdown(wait=True)

    def _fetch(self, service, tag):
        future = self._pool.submit(self.catalog.query, service)
        try:
            rows = future.result(timeout=self.timeout)
        except FutureTimeout:
            raise LookupFailed("catalog did not answer for %r" % service) from None
        instances = parse_instances(service, rows)
        if tag is not None:
            instances = [inst for inst in instances if tag in inst.tags]
        return instances

    def instances(self, service, tag=None):
        key = (service, tag)
        now = time.monotonic()
        with self._lock:
            entry = self._cache.get(key)
            if entry is not None and entry.expires > now:
                return list(entry.instances)
        instances = self._fetch(service, tag)
        if not instances:
            raise LookupFailed("no healthy instance of %r" % service)
        with self._lock:
            self._cache[key] = _Entry(instances, now + self.ttl)
        return list(instances)

    def endpoint(self, service, tag=None):
        self.instances(service, tag)
        with self._lock:
            entry = self._cache[(service, tag)]
            inst = entry.instances[entry.cursor % len(entry.instances)]
            entry.cursor += 1
        return inst.endpoint
