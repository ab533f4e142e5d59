import asyncio
import random


async def place_order(service, order_id, lines, think=(0.0, 0.0)):
    """Reserve every line of an order; on failure release what was taken."""
    taken = []
    try:
        for sku, qty in lines:
            await asyncio.sleep(random.uniform(*think))
            taken.append(await service.reserve(order_id, sku, qty))
    except Exception:
        for res in taken:
            await service.release(res)
        raise
    return taken


async def flash_sale(service, orders, think):
    return await asyncio.gather(
        *(place_order(service, oid, lines, think) for oid, lines in orders),
        return_exceptions=True,
    )
