class OrderRepo:
    def __init__(self, pool):
        self.pool = pool

    def iter_orders(self, region=None):
        with self.pool.connection() as conn:
            for row in conn.select_orders(region=region):
                yield row

    def open_order_count(self, region=None):
        with self.pool.connection() as conn:
            return len(conn.select_orders(region=region, status="open"))

    def revenue_cents(self, region=None):
        return sum(r["total_cents"] for r in self.iter_orders(region))
