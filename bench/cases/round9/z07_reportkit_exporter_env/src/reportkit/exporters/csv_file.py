import csv
import os
from pathlib import Path

OUTPUT_DIR = Path(os.environ.get("REPORTKIT_OUTPUT", "exports")).resolve()


class Exporter:
    suffix = ".csv"

    def target(self, report):
        return OUTPUT_DIR / f"{report.slug()}-{report.as_of:%Y%m%d}{self.suffix}"

    def write(self, report):
        path = self.target(report)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(report.columns)
            writer.writerows(report.rows)
        return path
