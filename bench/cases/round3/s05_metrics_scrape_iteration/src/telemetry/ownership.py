"""Route -> owning team, from the service catalogue (cached per process)."""
import threading
import time

TEAMS = {"/api/orders": "checkout", "/api/cart": "checkout", "/api/search": "discovery"}

_cache = {}
_lock = threading.Lock()


def owner_of(route):
    with _lock:
        if route in _cache:
            return _cache[route]
    time.sleep(0.002)  # catalogue HTTP lookup
    prefix = "/".join(route.split("/")[:3])
    team = TEAMS.get(prefix, "platform")
    with _lock:
        _cache[route] = team
    return team


def forget():
    with _lock:
        _cache.clear()
