import time


def check_digit(digits):
    """Mod-10 check digit with 3/1 weights (as used on SSCC barcodes)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


class ZoneTable:
    """Maps destination postcodes to carrier routing zones.

    The table lives in the carrier's routing service; every lookup is a
    short round trip.
    """

    def __init__(self, zones, lookup_latency=0.002):
        self._zones = dict(zones)
        self.lookup_latency = lookup_latency

    def zone_for(self, postcode):
        time.sleep(self.lookup_latency)
        prefix = postcode[:2]
        return self._zones.get(prefix, "99")
