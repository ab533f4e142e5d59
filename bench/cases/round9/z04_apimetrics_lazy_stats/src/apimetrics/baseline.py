import json
from pathlib import Path


class BaselineStore:
    """Latency baselines from the last deploy, one JSON file per endpoint."""

    def __init__(self, root):
        self.root = Path(root)

    def load(self, endpoint):
        path = self.root / ((endpoint.strip("/").replace("/", "__") or "root") + ".json")
        try:
            with open(path) as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return {"p50": None, "p95": None}
        return {"p50": data.get("p50"), "p95": data.get("p95")}

    def save(self, endpoint, p50, p95):
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / ((endpoint.strip("/").replace("/", "__") or "root") + ".json")
        path.write_text(json.dumps({"p50": p50, "p95": p95}))
