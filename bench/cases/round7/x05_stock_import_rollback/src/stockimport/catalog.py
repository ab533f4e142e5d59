"""Async client for the product catalog service (latency simulated)."""
import asyncio
import random


class UnknownSku(LookupError):
    pass


class CatalogClient:
    def __init__(self, products, supplier_feed=None):
        self.products = dict(products)
        self.supplier_feed = dict(supplier_feed or {})
        self.lookups = 0

    async def lookup(self, sku):
        self.lookups += 1
        await asyncio.sleep(random.uniform(0.002, 0.014))
        if sku in self.products:
            return self.products[sku]
        # not in the local catalog: ask the supplier feed before giving up
        await asyncio.sleep(random.uniform(0.0, 0.003))
        if sku in self.supplier_feed:
            return self.supplier_feed[sku]
        raise UnknownSku(sku)
