import queue
from dataclasses import dataclass, field

from .reader import SegmentReader


@dataclass
class ShipReport:
    shipped: int = 0
    dropped: int = 0
    batches: int = 0
    by_level: dict = field(default_factory=dict)


class Shipper:
    def __init__(self, source, sink, config):
        self.source = source
        self.sink = sink
        self.config = config

    def _records(self, q):
        while True:
            try:
                yield q.get(timeout=self.config.idle_timeout)
            except queue.Empty:
                return

    def run(self):
        q = queue.Queue(maxsize=self.config.queue_size)
        reader = SegmentReader(self.source, q)
        reader.start()
        report = ShipReport()
        batch = []
        for rec in self._records(q):
            if rec.level in self.config.drop_levels:
                report.dropped += 1
                continue
            report.by_level[rec.level] = report.by_level.get(rec.level, 0) + 1
            batch.append(rec)
            if len(batch) >= self.config.batch_size:
                self._flush(batch, report)
                batch = []
        if batch:
            self._flush(batch, report)
        return report

    def _flush(self, batch, report):
        self.sink.send(list(batch))
        report.shipped += len(batch)
        report.batches += 1
