import logging
from dataclasses import dataclass

log = logging.getLogger("fulfil.allocation")


@dataclass
class Backorder:
    sku: str
    qty: int


class Allocator:
    """Allocate order lines across warehouses, nearest first."""

    def __init__(self, warehouses):
        self._warehouses = list(warehouses)

    def allocate(self, lines):
        picks, backorders = [], []
        for sku, qty in lines:
            remaining = qty
            for wh in self._warehouses:
                n = min(remaining, wh.available(sku))
                if n:
                    wh.take(sku, n)
                    picks.append((wh.code, sku, n))
                    remaining -= n
                if not remaining:
                    break
            if remaining:
                log.warning("backorder %s x%d", sku, remaining)
                backorders.append(Backorder(sku, remaining))
        return picks, backorders
