import json
import os
from pathlib import Path


class Exporter:
    suffix = ".json"

    def target(self, report):
        root = Path(os.environ.get("REPORTKIT_OUTPUT", "exports")).resolve()
        return root / f"{report.slug()}-{report.as_of:%Y%m%d}{self.suffix}"

    def write(self, report):
        path = self.target(report)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"name": report.name, "as_of": report.as_of.isoformat(),
                   "rows": [dict(zip(report.columns, r)) for r in report.rows]}
        path.write_text(json.dumps(payload, indent=2))
        return path
