import hashlib
import random
import time
from urllib.parse import unquote

from geocode.client import UpstreamTimeout


class FakeGeocoder:
    """Behaves like the hosted geocoder: 1-28.5 ms per request."""

    def __init__(self, latency=(0.001, 0.0285), rng=None):
        self.latency = latency
        self.rng = rng or random.Random()

    def handle(self, path, timeout):
        delay = self.rng.uniform(*self.latency)
        if delay > timeout:
            time.sleep(timeout)
            raise UpstreamTimeout(path)
        time.sleep(delay)
        address = unquote(path.split("q=", 1)[1])
        if "nowhere" in address.lower():
            return {"status": "ZERO_RESULTS"}
        h = hashlib.md5(address.encode()).digest()
        return {"status": "OK", "lat": 47 + h[0] / 255, "lon": 8 + h[1] / 255}
