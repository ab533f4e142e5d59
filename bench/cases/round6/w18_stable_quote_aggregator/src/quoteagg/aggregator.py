import asyncio
from dataclasses import dataclass


@dataclass(frozen=True)
class BestQuote:
    venue: str
    price: float
    considered: int


class Aggregator:
    def __init__(self, clients):
        self.clients = list(clients)

    async def quotes(self, symbol, qty):
        results = await asyncio.gather(
            *(c.quote(symbol, qty) for c in self.clients), return_exceptions=True
        )
        by_venue = {}
        for client, result in zip(self.clients, results):
            if isinstance(result, Exception):
                continue
            by_venue[client.name] = result["price"]
        return by_venue

    async def best(self, symbol, qty):
        prices = await self.quotes(symbol, qty)
        if not prices:
            raise LookupError("no venue answered")
        venue = min(sorted(prices), key=lambda v: prices[v])
        return BestQuote(venue, prices[venue], len(prices))
