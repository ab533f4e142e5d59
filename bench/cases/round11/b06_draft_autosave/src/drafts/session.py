from .autosave import Autosaver
from .cache import WriteBehindCache


def word_count(text):
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


class DraftSession:
    """An open editor on one draft: edits go to the cache, autosave persists them."""

    def __init__(self, backend, doc_id, autosave_interval=0.04):
        self.cache = WriteBehindCache(backend, doc_id)
        self.autosaver = Autosaver(self.cache, interval=autosave_interval)
        self.closed = False

    async def __aenter__(self):
        self.autosaver.start()
        return self

    async def __aexit__(self, *exc):
        await self.close()

    def edit(self, **fields):
        if self.closed:
            raise RuntimeError("draft is closed")
        for name, value in fields.items():
            self.cache.set(name, value)
        self.cache.set("words", word_count(self.cache.get("body", "")))

    async def close(self):
        if self.closed:
            return
        await self.autosaver.stop()
        await self.cache.flush()
        self.closed = True
