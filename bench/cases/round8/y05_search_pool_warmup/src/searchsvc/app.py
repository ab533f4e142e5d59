import asyncio

from .service import SearchService


class SearchApp:
    def __init__(self, backend):
        self.service = SearchService(backend)
        self._bg = set()

    async def startup(self):
        task = asyncio.create_task(self.service.warm_up())
        self._bg.add(task)
        task.add_done_callback(self._bg.discard)

    async def handle(self, query):
        hits = await self.service.search(query.get("q", ""), int(query.get("limit", 10)))
        return {"q": query.get("q", ""), "hits": hits, "count": len(hits)}

    async def shutdown(self):
        for t in list(self._bg):
            await t
        await self.service.shutdown()
