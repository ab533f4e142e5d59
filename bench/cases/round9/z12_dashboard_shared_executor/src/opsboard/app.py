from concurrent.futures import ThreadPoolExecutor

from . import config
from .refresher import RatesRefresher
from .sources import FxProvider, OrdersDb


class App:
    """Process-wide services of the ops dashboard."""

    def __init__(self, fx=None, orders=None):
        self.executor = ThreadPoolExecutor(max_workers=config.WORKER_THREADS, thread_name_prefix="opsboard")
        self.fx = fx or FxProvider()
        self.orders = orders or OrdersDb()
        self.rates = {"EUR": 1.0}
        self.refresher = RatesRefresher(self)

    def start(self):
        self.refresher.start()
        return self

    def stop(self):
        self.refresher.stop()
        self.executor.shutdown(wait=True)
