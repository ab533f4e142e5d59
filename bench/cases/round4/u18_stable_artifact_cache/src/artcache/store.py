import hashlib
import os
import tempfile
from pathlib import Path


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key):
        return self.root / key[:2] / key

    def put(self, data: bytes) -> str:
        key = digest(data)
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)  # atomic: readers see old or new, never partial
        return key

    def get(self, key) -> bytes:
        return self._path(key).read_bytes()

    def keys(self):
        return sorted(p.name for p in self.root.glob("*/*") if not p.name.startswith("."))
