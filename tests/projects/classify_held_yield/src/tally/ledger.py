ROWS = [("rent", 20), ("power", 15), ("water", 10), ("net", 10), ("misc", 5)]


class Ledger:
    def __init__(self, pool):
        self.pool = pool

    def entries(self):
        with self.pool.connection():  # @cause
            for row in ROWS:
                yield row

    def balance(self):
        with self.pool.connection():
            return sum(amount for _, amount in ROWS)
