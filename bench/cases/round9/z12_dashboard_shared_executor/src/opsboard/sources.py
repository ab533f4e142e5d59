import random
import time


class FxProvider:
    """Exchange-rate API; the upstream is slow and variable."""

    def __init__(self, latency=(0.02, 0.16)):
        self.latency = latency
        self.calls = 0

    def latest(self):
        self.calls += 1
        time.sleep(random.uniform(*self.latency))
        return {"EUR": 1.0, "USD": 1.08, "GBP": 0.86}


class OrdersDb:
    def __init__(self, query_time=0.004):
        self.query_time = query_time

    def revenue_today(self):
        time.sleep(self.query_time)
        return {"EUR": 18250.0, "USD": 4120.0}

    def open_orders(self):
        time.sleep(self.query_time)
        return 37
