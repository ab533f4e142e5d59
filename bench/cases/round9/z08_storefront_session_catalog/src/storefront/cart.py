from decimal import ROUND_HALF_UP, Decimal

TAX_RATES = {"standard": Decimal("0.20"), "reduced": Decimal("0.05"), "zero": Decimal("0")}
CENT = Decimal("0.01")


class Cart:
    def __init__(self, catalog):
        self.catalog = catalog
        self.lines = {}

    def add(self, sku, qty=1):
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self.catalog[sku]  # raises KeyError for unknown products
        self.lines[sku] = self.lines.get(sku, 0) + qty

    def subtotal(self):
        return sum((self.catalog[s].price * q for s, q in self.lines.items()), Decimal("0"))

    def tax(self):
        total = Decimal("0")
        for sku, qty in self.lines.items():
            product = self.catalog[sku]
            total += product.price * qty * TAX_RATES[product.tax_class]
        return total.quantize(CENT, rounding=ROUND_HALF_UP)

    def total(self):
        return self.subtotal() + self.tax()
