"""Stand-in for the orders database driver."""
import time
from datetime import date, timedelta


def _seed_orders():
    rows = []
    start = date(2026, 11, 1)
    regions = ["eu", "us", "apac"]
    for n in range(48):
        rows.append({
            "id": 5000 + n,
            "region": regions[n % 3],
            "placed": start + timedelta(days=n % 30),
            "total_cents": 1999 + 250 * (n % 7),
            "status": "open" if n % 4 == 0 else "shipped",
        })
    return rows


class Connection:
    def __init__(self):
        self._orders = _seed_orders()
        self.queries = 0

    def select_orders(self, region=None, status=None):
        self.queries += 1
        time.sleep(0.002)
        return [
            dict(r) for r in self._orders
            if (region is None or r["region"] == region) and (status is None or r["status"] == status)
        ]
