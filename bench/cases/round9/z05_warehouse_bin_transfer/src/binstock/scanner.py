import random
import time


class HandScanner:
    """Picker's scanner: each confirmation is a round trip to the WMS gateway."""

    def __init__(self, latency=(0.0, 0.012)):
        self.latency = latency
        self.log = []

    def confirm(self, bin_code, sku, qty):
        time.sleep(random.uniform(*self.latency))
        self.log.append((bin_code, sku, qty))
        return True
