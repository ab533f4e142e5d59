import json
import os
import tempfile


def atomic_write_json(path, obj):
    """Write obj as JSON so readers never see a half-written file."""
    directory = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile("w", dir=directory, suffix=".json", delete=False) as tmp:
        json.dump(obj, tmp, indent=2, sort_keys=True)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, path)


def read_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
