import hashlib
import json
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path


class StagingArea:
    """Uploads land here before the media pipeline picks them up."""

    def __init__(self, root, clock=time.time):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self._lock = threading.Lock()
        self._index = {}

    def save(self, owner, data: bytes) -> str:
        upload_id = uuid.uuid4().hex
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / f"{upload_id}.bin")
        meta = {"owner": owner, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                "staged_at": self.clock()}
        with self._lock:
            self._index[upload_id] = meta
        return upload_id

    def meta(self, upload_id):
        with self._lock:
            return dict(self._index[upload_id])

    def read(self, upload_id) -> bytes:
        return (self.root / f"{upload_id}.bin").read_bytes()

    def ids(self):
        with self._lock:
            return sorted(self._index)

    def remove(self, upload_id):
        with self._lock:
            self._index.pop(upload_id, None)
        try:
            (self.root / f"{upload_id}.bin").unlink()
        except FileNotFoundError:
            pass

    def export_manifest(self, path):
        with self._lock:
            payload = json.dumps(self._index, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=Path(path).parent, prefix=".manifest-")
        with os.fdopen(fd, "w") as fh:
            fh.write(payload)
        os.replace(tmp, path)
