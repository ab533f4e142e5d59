import queue
import threading
import time

from . import settings

_STOP = object()


class IngestClosed(RuntimeError):
    pass


class BatchWriter:
    def __init__(self, sink, batch_size=None, linger=None):
        self.sink = sink
        self.batch_size = batch_size or settings.BATCH_SIZE
        self.linger = settings.BATCH_LINGER if linger is None else linger
        self._queue = queue.Queue(maxsize=settings.QUEUE_LIMIT)
        self._thread = threading.Thread(target=self._run, name="batch-writer", daemon=True)
        self._closed = False
        self.written = 0
        self.clean_shutdown = None

    def start(self):
        self._thread.start()
        return self

    def submit(self, event):
        if self._closed:
            raise IngestClosed("writer is shut down")
        self._queue.put(event)

    def _drain(self, first):
        batch = [first]
        deadline = time.monotonic() + self.linger
        while len(batch) < self.batch_size:
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                break
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                break
            if item is _STOP:
                self._queue.put(_STOP)
                break
            batch.append(item)
        return batch

    def _run(self):
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            batch = self._drain(item)
            self.sink.write_batch(batch)
            self.written += len(batch)

    def stop(self):
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join(settings.SHUTDOWN_GRACE)
        self.clean_shutdown = not self._thread.is_alive()
        return self.clean_shutdown
