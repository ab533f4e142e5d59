import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    meter: str
    seq: int
    kwh: float
    taken_at: object


class ReadingBuffer:
    def __init__(self, clock):
        self.clock = clock
        self._lock = threading.Lock()
        self._seq = {}
        self._items = []

    def record(self, meter, kwh):
        with self._lock:
            seq = self._seq.get(meter, 0) + 1
            self._seq[meter] = seq
            r = Reading(meter, seq, kwh, self.clock.now())
            self._items.append(r)
        return r

    def drain(self):
        with self._lock:
            items, self._items = self._items, []
        return sorted(items, key=lambda r: (r.meter, r.seq))

    def __len__(self):
        with self._lock:
            return len(self._items)
