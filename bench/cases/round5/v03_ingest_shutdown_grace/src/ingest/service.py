from .worker import BatchWriter


class IngestService:
    """Validates incoming events and hands them to the batch writer."""

    REQUIRED = ("type", "user", "ts")

    def __init__(self, sink):
        self.writer = BatchWriter(sink)
        self.rejected = []

    def __enter__(self):
        self.writer.start()
        return self

    def __exit__(self, *exc):
        self.writer.stop()

    def ingest(self, event):
        missing = [k for k in self.REQUIRED if k not in event]
        if missing:
            self.rejected.append((event, missing))
            return False
        self.writer.submit(dict(event))
        return True

    def ingest_many(self, events):
        return sum(1 for e in events if self.ingest(e))
