class ProductRepository:
    def __init__(self):
        self._items = {}

    def add(self, product):
        self._items[product["sku"]] = dict(product)

    def get(self, sku):
        return self._items.get(sku)

    def all(self):
        return [self._items[k] for k in sorted(self._items)]
