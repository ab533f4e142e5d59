"""Background log shipping with a bounded in-memory buffer.

Application threads must never block on logging for long, so enqueueing
gives up after a short timeout and the record is counted as dropped.
"""
import queue
import threading

BUFFER_SIZE = 40
ENQUEUE_TIMEOUT = 0.03
BATCH_SIZE = 20


class LogShipper:
    def __init__(self, sink, buffer_size=BUFFER_SIZE, batch_size=BATCH_SIZE):
        self._sink = sink
        self._queue = queue.Queue(maxsize=buffer_size)
        self._batch_size = batch_size
        self.dropped = 0
        self._drop_lock = threading.Lock()
        self._stop = object()
        self._thread = threading.Thread(target=self._run, name="log-shipper", daemon=True)
        self._thread.start()

    def ship(self, record):
        try:
            self._queue.put(record, timeout=ENQUEUE_TIMEOUT)
        except queue.Full:
            with self._drop_lock:
                self.dropped += 1
            return False
        return True

    def _run(self):
        while True:
            item = self._queue.get()
            if item is self._stop:
                return
            batch = [item]
            stop = False
            while len(batch) < self._batch_size:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is self._stop:
                    stop = True
                    break
                batch.append(nxt)
            self._sink.send_batch(batch)
            if stop:
                return

    def close(self, timeout=2.0):
        self._queue.put(self._stop)
        self._thread.join(timeout)
