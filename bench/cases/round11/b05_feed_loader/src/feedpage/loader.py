import asyncio


class BatchLoader:
    """Coalesces load(key) calls made in the same loop iteration into one
    fetch_many(keys) call (the DataLoader pattern)."""

    def __init__(self, fetch_many, max_batch=100):
        self._fetch_many = fetch_many
        self.max_batch = max_batch
        self._queue = []
        self._scheduled = False
        self._cache = {}
        self.batches = []

    def load(self, key):
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        self._cache[key] = fut
        self._queue.append((key, fut))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._schedule_dispatch, loop)
        return fut

    def load_many(self, keys):
        return asyncio.gather(*(self.load(k) for k in keys))

    def _schedule_dispatch(self, loop):
        loop.create_task(self._dispatch())

    async def _dispatch(self):
        pending = self._queue
        keys = [key for key, _ in pending][: self.max_batch]
        self.batches.append(keys)
        try:
            rows = await self._fetch_many(keys)
        except Exception as exc:  # propagate to every waiter
            for key, fut in pending:
                self._cache.pop(key, None)
                if not fut.done():
                    fut.set_exception(exc)
            rows = None
        if rows is not None:
            for key, fut in pending:
                if not fut.done():
                    fut.set_result(rows.get(key))
        self._queue = []
        self._scheduled = False

    def clear(self, key):
        self._cache.pop(key, None)
