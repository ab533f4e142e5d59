import json
from pathlib import Path


def read_build_info(path):
    """The deploy tool rewrites build-info.json on every release."""
    try:
        doc = json.loads(Path(path).read_text())
    except FileNotFoundError:
        return {"version": "dev", "commit": "unknown"}
    return {"version": str(doc.get("version", "dev")), "commit": str(doc.get("commit", ""))[:12]}
