import json
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Product:
    sku: str
    name: str
    category: str
    price: Decimal
    tax_class: str = "standard"


class Catalog:
    def __init__(self, products):
        self._products = {p.sku: p for p in products}

    def __getitem__(self, sku):
        return self._products[sku]

    def __iter__(self):
        return iter(self._products.values())

    def in_category(self, category):
        return [p for p in self if p.category == category]

    def apply_promotion(self, promotion):
        """Price the catalog for a campaign landing page."""
        for product in self.in_category(promotion.category):
            product.price = promotion.discounted(product.price)
        return self


def load_catalog(path):
    with open(path) as fh:
        raw = json.load(fh)
    return Catalog(
        Product(item["sku"], item["name"], item["category"], Decimal(item["price"]),
                item.get("tax_class", "standard"))
        for item in raw["products"]
    )
