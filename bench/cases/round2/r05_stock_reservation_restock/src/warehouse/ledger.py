import threading
from dataclasses import dataclass

from .journal import HoldJournal


class OutOfStock(Exception):
    pass


@dataclass
class StockLevel:
    sku: str
    available: int
    reserved: int = 0


class StockLedger:
    def __init__(self, journal: HoldJournal):
        self.journal = journal
        self._levels: dict[str, StockLevel] = {}
        self._catalog_lock = threading.Lock()

    def add_sku(self, sku: str, on_hand: int) -> None:
        with self._catalog_lock:
            if sku in self._levels:
                raise ValueError(f"{sku} already stocked")
            self._levels[sku] = StockLevel(sku, on_hand)

    def level(self, sku: str) -> StockLevel:
        return self._levels[sku]

    def reserve(self, order_id: str, sku: str, qty: int) -> None:
        level = self._levels[sku]
        available = level.available
        if available < qty:
            raise OutOfStock(f"{sku}: want {qty}, have {available}")
        self.journal.open(order_id, sku, qty)
        level.available = available - qty
        level.reserved += qty

    def cancel(self, order_id: str) -> None:
        hold = self.journal.release(order_id)
        level = self._levels[hold.sku]
        level.available += hold.qty
        level.reserved -= hold.qty

    def receive(self, sku: str, qty: int) -> None:
        level = self._levels[sku]
        level.available += qty
