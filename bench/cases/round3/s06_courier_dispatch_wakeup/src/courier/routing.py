import math
import random
import time


def haversine_km(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    d = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(d))


class RoutePlanner:
    """Wraps the traffic-aware routing backend (simulated latency)."""

    def __init__(self, latency=(0.0, 0.03)):
        self._latency = latency

    def eta_minutes(self, origin, dest):
        time.sleep(random.uniform(*self._latency))
        return round(haversine_km(origin, dest) / 0.4, 1)  # ~24 km/h in town
