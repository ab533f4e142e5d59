import asyncio
import logging

log = logging.getLogger(__name__)


class Autosaver:
    """Flushes a WriteBehindCache periodically while a draft is open."""

    def __init__(self, cache, interval=0.03):
        self.cache = cache
        self.interval = interval
        self._stopping = asyncio.Event()
        self._task = None
        self.rounds = 0

    def start(self):
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self):
        while not self._stopping.is_set():
            try:
                await asyncio.wait_for(self._stopping.wait(), self.interval)
            except asyncio.TimeoutError:
                pass
            if self.cache.dirty:
                try:
                    await self.cache.flush()
                except OSError as exc:
                    log.warning("autosave failed: %s", exc)
            self.rounds += 1

    async def stop(self):
        """Let the running round finish (never cut a save in half), then stop."""
        self._stopping.set()
        if self._task is not None:
            await self._task
