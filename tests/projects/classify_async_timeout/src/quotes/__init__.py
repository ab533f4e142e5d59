"""Asks every carrier for a quote and keeps the answers that come in time."""

import asyncio

QUOTE_TIMEOUT = 0.05  # @cause


async def ask(carrier, parcel):
    try:
        price = await asyncio.wait_for(carrier.quote(parcel), QUOTE_TIMEOUT)
    except asyncio.TimeoutError:
        return None
    return (carrier.name, price)


async def best_quote(carriers, parcel):
    answers = await asyncio.gather(*(ask(c, parcel) for c in carriers))
    priced = [a for a in answers if a is not None]
    return min(priced, key=lambda a: a[1]) if priced else None
