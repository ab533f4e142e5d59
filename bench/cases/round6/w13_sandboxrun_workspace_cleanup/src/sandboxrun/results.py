import json
import os


def collect_outputs(path):
    results = {}
    for name in sorted(os.listdir(path)):
        if name.endswith(".out"):
            with open(os.path.join(path, name)) as f:
                results[name[:-4]] = json.load(f)
    return results


def summarise(results):
    ok = sum(1 for r in results.values() if r["ok"])
    return {"ok": ok, "failed": len(results) - ok}
