import json

from .experiment import Experiment, Variant


def load_experiments(path):
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    return [
        Experiment(
            key=item["key"],
            variants=[Variant(v["name"], float(v["weight"])) for v in item["variants"]],
            overrides=item.get("overrides", {}),
            active=item.get("active", True),
        )
        for item in raw["experiments"]
    ]
