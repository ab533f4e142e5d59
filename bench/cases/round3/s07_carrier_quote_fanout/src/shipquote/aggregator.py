"""Ask every configured carrier for a price and pick the best offer."""
import asyncio

from .carriers import CarrierDown
from .rules import filter_carriers


class QuoteBoard:
    def __init__(self, carriers, timeout=1.0):
        self._carriers = list(carriers)
        self._timeout = timeout

    async def _collect(self, parcel):
        carriers = filter_carriers(self._carriers, parcel)
        pending = [c.quote(parcel) for c in carriers]
        quotes = {}
        for carrier, next_done in zip(carriers, asyncio.as_completed(pending, timeout=self._timeout)):
            try:
                quotes[carrier.code] = await next_done
            except CarrierDown:
                continue
        return quotes

    async def quotes(self, parcel):
        return await self._collect(parcel)

    async def best(self, parcel):
        quotes = await self.quotes(parcel)
        if not quotes:
            raise LookupError("no carrier could quote")
        code = min(quotes, key=lambda c: (quotes[c], c))
        return code, quotes[code]
