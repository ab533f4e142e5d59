import threading


class DigestWorker(threading.Thread):
    """Periodically builds the handover digest from the note store."""

    def __init__(self, store, interval=0.02):
        super().__init__(daemon=True, name="digest")
        self.store = store
        self.interval = interval
        self.latest = None
        self.updated = threading.Event()
        self._halt = threading.Event()

    def build(self):
        notes = self.store.all()
        return {
            "count": len(notes),
            "urgent": [n.text for n in notes if n.urgent],
            "authors": sorted({n.author for n in notes}),
        }

    def run(self):
        while not self._halt.is_set():
            self.latest = self.build()
            self.updated.set()
            self._halt.wait(self.interval)

    def wait_for(self, predicate, timeout=5.0):
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.updated.clear()
            if self.latest is not None and predicate(self.latest):
                return self.latest
            self.updated.wait(0.05)
        raise TimeoutError("digest never matched")

    def stop(self):
        self._halt.set()
        self.join(timeout=2)
