import random
import threading


class RestockJob:
    """Books an inbound delivery once the truck is unloaded (at some point soon)."""

    def __init__(self, ledger, deliveries: dict[str, int], max_delay: float = 0.2):
        self.ledger = ledger
        self.deliveries = dict(deliveries)
        self.delay = random.uniform(0.0, max_delay)
        self._thread = threading.Thread(target=self._run, name="restock", daemon=True)
        self.booked: list[str] = []

    def _run(self):
        threading.Event().wait(self.delay)
        for sku, qty in self.deliveries.items():
            self.ledger.receive(sku, qty)
            self.booked.append(sku)

    def start(self):
        self._thread.start()
        return self

    def wait(self, timeout=2.0):
        self._thread.join(timeout)
        return not self._thread.is_alive()
