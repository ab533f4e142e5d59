import asyncio
import random
import uuid

from .fetch import fetch


class LinkChecker:
    """Breadth-first crawl with a bounded worker pool; reports broken links."""

    def __init__(self, port, workers=4):
        self.port = port
        self.workers = workers
        self.run_id = uuid.uuid4().hex[:8]

    async def crawl(self, start="/"):
        queue = asyncio.Queue()
        seen = {start}
        status = {}
        referrers = {}
        await queue.put(start)

        async def worker():
            while True:
                path = await queue.get()
                try:
                    code, links = await fetch(self.port, path)
                    status[path] = code
                    random.shuffle(links)  # spread load across sections
                    for link in links:
                        referrers.setdefault(link, set()).add(path)
                        if link not in seen:
                            seen.add(link)
                            await queue.put(link)
                finally:
                    queue.task_done()

        tasks = [asyncio.create_task(worker()) for _ in range(self.workers)]
        try:
            await asyncio.wait_for(queue.join(), timeout=10)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return status, referrers

    async def broken_links(self, start="/"):
        status, referrers = await self.crawl(start)
        return sorted(
            (path, sorted(referrers.get(path, ()))) for path, code in status.items() if code >= 400
        )

    async def check_many(self, paths):
        results = await asyncio.gather(*(fetch(self.port, p) for p in paths))
        return {p: code for p, (code, _) in zip(paths, results)}
