import gzip
import threading

from .records import BadLine, parse_line


class SegmentReader(threading.Thread):
    """Fetches compressed log segments in order and feeds parsed records to a queue."""

    def __init__(self, source, out_queue):
        super().__init__(daemon=True, name="segment-reader")
        self.source = source
        self.out = out_queue
        self.bad_lines = 0
        self.segments_read = 0

    def run(self):
        for name in sorted(self.source.list_segments()):
            blob = self.source.fetch(name)
            for raw in gzip.decompress(blob).splitlines():
                if not raw.strip():
                    continue
                try:
                    self.out.put(parse_line(raw))
                except BadLine:
                    self.bad_lines += 1
            self.segments_read += 1
