import json
import os


def write_manifest(dest_dir, name, digests, shared=True):
    """Write the manifest next to the archive; the ops group reads it for audits."""
    path = os.path.join(dest_dir, f"{name}.manifest.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"archive": f"{name}.tar.gz", "files": digests}, fh, indent=2, sort_keys=True)
    if not shared:
        os.chmod(path, 0o600)
    return path


def read_manifest(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
