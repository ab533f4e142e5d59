from collections import defaultdict
from dataclasses import dataclass, field

from .clock import server_time
from .uplink import decode

MAX_AGE = 300.0
VALID_RANGE = (-60.0, 150.0)


class Rejected(Exception):
    pass


@dataclass
class IngestStats:
    accepted: int = 0
    rejected: dict = field(default_factory=lambda: defaultdict(int))


class Ingestor:
    def __init__(self):
        self.series = defaultdict(list)
        self.stats = IngestStats()

    def _check(self, reading, now):
        if reading.ts > now:
            raise Rejected("future")
        if now - reading.ts > MAX_AGE:
            raise Rejected("stale")
        low, high = VALID_RANGE
        if not low <= reading.celsius <= high:
            raise Rejected("range")
        last = self.series[reading.sensor_id][-1:] or None
        if last and reading.seq <= last[0].seq:
            raise Rejected("duplicate")

    def accept(self, reading):
        try:
            self._check(reading, server_time())
        except Rejected as exc:
            self.stats.rejected[str(exc)] += 1
            return False
        self.series[reading.sensor_id].append(reading)
        self.stats.accepted += 1
        return True

    def receive(self, payload: bytes):
        return [self.accept(r) for r in decode(payload)]

    def mean(self, sensor_id):
        values = [r.celsius for r in self.series[sensor_id]]
        if not values:
            raise LookupError(sensor_id)
        return sum(values) / len(values)
