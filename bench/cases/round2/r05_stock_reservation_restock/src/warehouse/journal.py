import threading
import time
from dataclasses import dataclass


@dataclass
class Hold:
    order_id: str
    sku: str
    qty: int
    released: bool = False


class HoldJournal:
    """Append-only record of reservations (fsynced on the real system)."""

    def __init__(self, write_latency: float = 0.003):
        self.write_latency = write_latency
        self._holds: dict[str, Hold] = {}
        self._mutex = threading.Lock()

    def _persist(self, hold: Hold) -> None:
        time.sleep(self.write_latency)

    def open(self, order_id: str, sku: str, qty: int) -> Hold:
        hold = Hold(order_id, sku, qty)
        self._persist(hold)
        with self._mutex:
            self._holds[order_id] = hold
        return hold

    def release(self, order_id: str) -> Hold:
        with self._mutex:
            hold = self._holds[order_id]
            hold.released = True
        self._persist(hold)
        return hold

    def active(self, sku: str | None = None):
        return [h for h in self._holds.values()
                if not h.released and (sku is None or h.sku == sku)]
