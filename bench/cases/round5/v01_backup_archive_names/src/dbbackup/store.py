import gzip
import json
from pathlib import Path

from .naming import parse_archive_name


class ArchiveStore:
    """Directory of gzipped JSON archives, newest last."""

    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def write(self, name, payload):
        path = self.root / name
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(payload, fh, sort_keys=True)
        return path

    def read(self, name):
        with gzip.open(self.root / name, "rt", encoding="utf-8") as fh:
            return json.load(fh)

    def names(self, db_name=None):
        found = []
        for path in self.root.iterdir():
            try:
                db, stamp = parse_archive_name(path.name)
            except ValueError:
                continue
            if db_name is None or db == db_name:
                found.append((stamp, path.name))
        return [name for _, name in sorted(found)]

    def prune(self, db_name, keep):
        names = self.names(db_name)
        doomed = names[:-keep] if keep else names
        for name in doomed:
            (self.root / name).unlink()
        return doomed
