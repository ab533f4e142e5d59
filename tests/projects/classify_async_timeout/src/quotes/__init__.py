"""Asks every provider for a quote and keeps the answers that come in time."""

import asyncio

QUOTE_TIMEOUT = 0.05  # @cause


async def ask(provider, parcel):
    try:
        price = await asyncio.wait_for(provider.quote(parcel), QUOTE_TIMEOUT)
    except asyncio.TimeoutError:
        return None
    return (provider.name, price)


async def best_quote(providers, parcel):
    answers = await asyncio.gather(*(ask(c, parcel) for c in providers))
    priced = [a for a in answers if a is not None]
    return min(priced, key=lambda a: a[1]) if priced else None
