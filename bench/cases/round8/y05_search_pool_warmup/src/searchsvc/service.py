import asyncio
import random

from .pool import SessionPool


class SearchService:
    def __init__(self, backend, pool_size=2):
        self.backend = backend
        self.pool_size = pool_size
        self._pool = None

    async def _get_pool(self):
        if self._pool is None:
            self._pool = await SessionPool(self.backend, self.pool_size).start()
        return self._pool

    async def search(self, text, limit=10):
        pool = await self._get_pool()
        return (await pool.run(text))[:limit]

    async def warm_up(self, splay=0.05):
        """Run on startup so the first user query does not pay for the handshake."""
        await asyncio.sleep(random.uniform(0, splay))
        await self.search("warmup")

    async def shutdown(self):
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
