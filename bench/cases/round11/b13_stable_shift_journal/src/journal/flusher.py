import random
import threading


class PeriodicFlusher:
    """Background thread that flushes a writer every interval (+/- jitter)."""

    def __init__(self, writer, interval=0.02, jitter=0.01):
        self.writer = writer
        self.interval = interval
        self.jitter = jitter
        self.rounds = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="journal-flusher", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(self.interval + random.uniform(-self.jitter, self.jitter)):
            self.writer.flush()
            self.rounds += 1

    def stop(self):
        self._stop.set()
        self._thread.join()
        self.writer.flush()
