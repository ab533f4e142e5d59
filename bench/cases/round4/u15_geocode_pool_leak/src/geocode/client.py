from dataclasses import dataclass
from urllib.parse import quote

from .pool import ConnectionPool


class UpstreamTimeout(Exception):
    pass


class LookupFailed(Exception):
    pass


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


class GeocodeClient:
    def __init__(self, pool: ConnectionPool, timeout=0.025):
        self.pool = pool
        self.timeout = timeout
        self.timeouts = 0

    def lookup(self, address):
        conn = self.pool.acquire()
        try:
            reply = conn.call("/v1/geocode?q=" + quote(address), self.timeout)
        except UpstreamTimeout as exc:
            self.timeouts += 1
            raise LookupFailed(f"timeout geocoding {address!r}") from exc
        self.pool.release(conn)
        if reply.get("status") != "OK":
            raise LookupFailed(reply.get("status", "unknown error"))
        return Point(reply["lat"], reply["lon"])
