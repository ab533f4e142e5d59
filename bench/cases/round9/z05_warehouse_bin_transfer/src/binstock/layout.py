from .bins import Bin
from .moves import move_stock


class Warehouse:
    def __init__(self, bins):
        self.bins = {b.code: b for b in bins}

    @classmethod
    def from_plan(cls, plan):
        return cls([Bin(code, cap) for code, cap in plan])

    def stock(self, sku):
        return sum(b.items.get(sku, 0) for b in self.bins.values())

    def receive(self, code, sku, qty):
        self.bins[code].put(sku, qty)

    def replenish(self, pick_face, reserve, sku, qty, scanner):
        """Top up a pick face from its reserve location."""
        move_stock(self.bins[reserve], self.bins[pick_face], sku, qty, scanner)

    def put_away_return(self, pick_face, reserve, sku, qty, scanner):
        """Customer returns go back from the pick face into reserve."""
        move_stock(self.bins[pick_face], self.bins[reserve], sku, qty, scanner)
