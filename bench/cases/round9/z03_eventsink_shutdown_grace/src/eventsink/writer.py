import logging
import queue
import threading
import time

from . import settings

log = logging.getLogger(__name__)
_STOP = object()


class BatchWriter:
    """Buffers events and ships them to the warehouse in batches on a worker thread."""

    def __init__(self, sink, table="events", batch_size=None, flush_interval=None):
        self.sink = sink
        self.table = table
        self.batch_size = batch_size or settings.BATCH_SIZE
        self.flush_interval = flush_interval or settings.FLUSH_INTERVAL
        self._queue = queue.Queue(maxsize=settings.QUEUE_LIMIT)
        self._thread = threading.Thread(target=self._run, name="eventsink", daemon=True)
        self._closed = False
        self.sent = 0
        self._thread.start()

    def write(self, event: dict) -> None:
        if self._closed:
            raise RuntimeError("writer is closed")
        self._queue.put(event)

    def _flush(self, batch):
        if batch:
            self.sent += self.sink.insert_many(self.table, batch)
            batch.clear()

    def _run(self):
        batch = []
        last_flush = time.monotonic()
        while True:
            timeout = max(0.0, self.flush_interval - (time.monotonic() - last_flush))
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                item = None
            if item is _STOP:
                self._flush(batch)
                return
            if item is not None:
                batch.append(item)
            if len(batch) >= self.batch_size or time.monotonic() - last_flush >= self.flush_interval:
                self._flush(batch)
                last_flush = time.monotonic()

    def close(self) -> int:
        """Stop accepting events, drain the buffer and return how many were shipped."""
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join(settings.SHUTDOWN_GRACE)
        if self._thread.is_alive():
            log.warning("event writer still draining after %.2fs", settings.SHUTDOWN_GRACE)
        return self.sent
