"""Renderer process: loads templates, prints READY, then renders JSON requests
from stdin, one per line, answering one JSON line each."""

import json
import os
import sys
import time
from pathlib import Path
from string import Template


def load_templates(directory):
    templates = {}
    for path in sorted(Path(directory).glob("*.tmpl")):
        meta, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        settings = dict(line.split("=", 1) for line in meta.splitlines() if "=" in line)
        # fonts referenced by a template are fetched from the asset store
        time.sleep(float(settings.get("font_fetch_ms", "0")) / 1000.0)
        templates[path.stem] = Template(body)
    return templates


def main():
    templates = load_templates(os.environ["DOCRENDER_TEMPLATES"])
    print("READY", len(templates), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        tmpl = templates.get(req["template"])
        if tmpl is None:
            out = {"ok": False, "error": f"unknown template {req['template']}"}
        else:
            out = {"ok": True, "text": tmpl.safe_substitute(req["fields"])}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
