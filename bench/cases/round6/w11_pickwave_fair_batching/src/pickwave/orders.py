import itertools
from dataclasses import dataclass, field

PRIORITY = {"same_day": 3, "express": 2, "standard": 1, "economy": 0}

_arrivals = itertools.count(1)


@dataclass(frozen=True)
class OrderLine:
    sku: str
    qty: int
    zone: str = "A"


@dataclass
class Order:
    order_id: str
    customer: str
    service: str = "standard"
    lines: list = field(default_factory=list)
    seq: int = field(default_factory=lambda: next(_arrivals))

    @property
    def priority(self):
        return PRIORITY[self.service]

    @property
    def units(self):
        return sum(line.qty for line in self.lines)
