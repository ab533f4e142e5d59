from .stats import TransferStats
from .transport import TransientError

PART_SIZE = 64 * 1024


def split_parts(data, size=PART_SIZE):
    return [data[i:i + size] for i in range(0, len(data), size)] or [b""]


class Uploader:
    def __init__(self, store, stats=None, part_size=PART_SIZE, attempts=3):
        self.store = store
        self.stats = stats or TransferStats()
        self.part_size = part_size
        self.attempts = attempts

    def _send_part(self, name, index, part):
        for attempt in range(1, self.attempts + 1):
            try:
                self.stats.acked_bytes += self.store.put_part(name, index, part)
                return
            except TransientError:
                if attempt == self.attempts:
                    raise
                self.stats.retry()

    def upload(self, name, data):
        parts = split_parts(data, self.part_size)
        try:
            for index, part in enumerate(parts):
                self._send_part(name, index, part)
        except TransientError as exc:
            self.stats.error(name, exc)
            raise
        self.stats.file_done(len(parts))
        return len(parts)
