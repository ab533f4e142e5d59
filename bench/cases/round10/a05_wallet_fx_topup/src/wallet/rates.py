import asyncio
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")

DEFAULT_RATES = {
    ("USD", "EUR"): Decimal("0.9210"),
    ("GBP", "EUR"): Decimal("1.1630"),
    ("CHF", "EUR"): Decimal("1.0560"),
}


class UnsupportedCurrency(ValueError):
    pass


class RateService:
    """Async client for the treasury rates API (in-process stand-in)."""

    def __init__(self, rates=None, latency=0.012):
        self.rates = dict(rates or DEFAULT_RATES)
        self.latency = latency
        self.requests = 0

    async def rate(self, source, target):
        if source == target:
            return Decimal(1)
        self.requests += 1
        await asyncio.sleep(self.latency)
        try:
            return self.rates[(source, target)]
        except KeyError:
            raise UnsupportedCurrency(f"{source}->{target}") from None

    async def convert(self, amount, source, target):
        rate = await self.rate(source, target)
        return (Decimal(amount) * rate).quantize(CENT, rounding=ROUND_HALF_EVEN)
