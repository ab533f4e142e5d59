import random
import threading


class SyncScheduler:
    """Periodic cloud sync: exports the shared albums shortly after start-up."""

    def __init__(self, exporter, albums, max_delay: float = 0.4):
        self.exporter = exporter
        self.albums = list(albums)
        self.delay = random.uniform(0, max_delay)
        self.futures = []
        self._timer = threading.Timer(self.delay, self._sync)
        self._timer.daemon = True

    def _sync(self):
        for album in self.albums:
            self.futures.append(self.exporter.export(album, "thumb"))

    def start(self):
        self._timer.start()
        return self

    def stop(self):
        self._timer.cancel()
        self._timer.join(1)
        for f in self.futures:
            try:
                f.result(timeout=2)
            except Exception:
                pass
