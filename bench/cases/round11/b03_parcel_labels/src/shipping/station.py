from dataclasses import dataclass, field

from .labels import ParcelLabel

SERVICE_LIMITS = [(2.0, "PACKET"), (10.0, "PARCEL"), (31.5, "PARCEL-XL")]


@dataclass
class Order:
    order_id: str
    postcode: str
    items: list = field(default_factory=list)


def service_for(weight_kg):
    for limit, name in SERVICE_LIMITS:
        if weight_kg <= limit:
            return name
    raise ValueError("parcel too heavy: %.1f kg" % weight_kg)


class PackingStation:
    def __init__(self, name, scale, zones):
        self.name = name
        self.scale = scale
        self.zones = zones
        self.labels = []

    def pack(self, order):
        weight = self.scale.weigh(order.items)
        label = ParcelLabel(order.order_id, order.postcode, service_for(weight), self.zones)
        self.labels.append(label)
        return label

    def pack_all(self, orders):
        return [self.pack(order) for order in orders]
