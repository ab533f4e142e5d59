import random
import time


class UploadSink:
    """Streams export lines to object storage (simulated per-chunk latency)."""

    def __init__(self):
        self.lines = []

    def write(self, line):
        time.sleep(random.uniform(0.0005, 0.006))
        self.lines.append(line)


class CsvExport:
    HEADER = "id,region,placed,total\n"

    def __init__(self, repo, sink=None):
        self.repo = repo
        self.sink = sink or UploadSink()

    @staticmethod
    def format_row(row):
        return "%d,%s,%s,%d.%02d\n" % (
            row["id"], row["region"], row["placed"].isoformat(),
            row["total_cents"] // 100, row["total_cents"] % 100)

    def run(self, region, on_started=None):
        self.sink.write(self.HEADER)
        for n, row in enumerate(self.repo.iter_orders(region)):
            if n == 0 and on_started is not None:
                on_started()
            self.sink.write(self.format_row(row))
        return len(self.sink.lines) - 1
