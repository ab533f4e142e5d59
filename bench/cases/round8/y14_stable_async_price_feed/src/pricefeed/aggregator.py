import asyncio
import random


async def best_quotes(clients, symbols):
    """Ask every venue for every symbol and keep the lowest price per symbol."""
    async def one(client, symbol):
        return symbol, await client.quote(symbol)

    jobs = [one(c, s) for c in clients for s in symbols]
    results = await asyncio.gather(*jobs)
    best = {}
    for symbol, price in results:
        if price is not None and (symbol not in best or price < best[symbol]):
            best[symbol] = price
    return dict(sorted(best.items()))


async def fan_out(queue, handlers, workers=3):
    """Deliver every queued event to every handler with a small worker pool."""
    async def worker():
        while True:
            event = await queue.get()
            try:
                for h in handlers:
                    await asyncio.sleep(random.uniform(0, 0.002))
                    h(event)
            finally:
                queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    try:
        await asyncio.wait_for(queue.join(), 5)
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
