import asyncio
from concurrent.futures import ThreadPoolExecutor

from .media import disk_free_ratio, make_thumbnail, read_exif
from .settings import Settings


class PhotoIndex:
    def __init__(self, library_root, settings=Settings()):
        self.root = library_root
        self.settings = settings
        self.entries = {}
        self._executor = ThreadPoolExecutor(max_workers=settings.io_threads, thread_name_prefix="io")

    async def _blocking(self, fn, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    async def index_photo(self, path):
        exif = await self._blocking(read_exif, path)
        thumb = await self._blocking(make_thumbnail, path, self.settings.thumb_size)
        self.entries[path.name] = {"thumb": thumb, **exif}
        return self.entries[path.name]

    async def import_folder(self, folder):
        photos = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".jpg", ".jpeg"})
        return await asyncio.gather(*(self.index_photo(p) for p in photos))

    async def health(self):
        try:
            free = await asyncio.wait_for(
                self._blocking(disk_free_ratio, self.root), timeout=self.settings.health_timeout
            )
        except asyncio.TimeoutError:
            return {"status": "unhealthy", "reason": "disk check timed out"}
        return {"status": "ok" if free > 0.01 else "degraded", "indexed": len(self.entries)}

    def close(self):
        self._executor.shutdown(wait=True)
