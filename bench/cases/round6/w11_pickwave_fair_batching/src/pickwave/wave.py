from dataclasses import dataclass, field

from .fairness import interleave_customers


@dataclass
class Wave:
    capacity: int
    orders: list = field(default_factory=list)
    deferred: list = field(default_factory=list)

    @property
    def units(self):
        return sum(o.units for o in self.orders)

    def order_ids(self):
        return [o.order_id for o in self.orders]

    def zones(self):
        return sorted({line.zone for o in self.orders for line in o.lines})


def build_wave(orders, capacity=40):
    wave = Wave(capacity)
    candidates = interleave_customers(orders)
    candidates.sort(key=lambda o: -o.priority)
    for order in candidates:
        if order.units > capacity:
            wave.deferred.append(order)
        elif wave.units + order.units <= capacity:
            wave.orders.append(order)
        else:
            wave.deferred.append(order)
    return wave
