import random
import threading
import time

from .index import InvertedIndex


class Reindexer:
    """Rebuilds the live index from the product source in a background thread."""

    def __init__(self, index: InvertedIndex, source, batch_size: int = 25):
        self.index = index
        self.source = source
        self.batch_size = batch_size
        self.state = "idle"
        self.errors: list[str] = []
        self._thread = None

    def _read_batch(self, offset):
        # the product DB pages slowly; each page is a round trip
        time.sleep(random.uniform(0.02, 0.06))
        return self.source[offset:offset + self.batch_size]

    def _run(self):
        fresh = InvertedIndex()
        offset = 0
        try:
            while True:
                batch = self._read_batch(offset)
                if not batch:
                    break
                for doc_id, text in batch:
                    fresh.add(doc_id, text)
                offset += len(batch)
            self.index.swap_in(fresh)
            self.state = "done"
        except Exception as exc:
            self.errors.append(repr(exc))
            self.state = "failed"

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            raise RuntimeError("reindex already running")
        self.state = "running"
        self._thread = threading.Thread(target=self._run, name="reindex", daemon=True)
        self._thread.start()

    def join(self, timeout=None) -> bool:
        if self._thread:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True
