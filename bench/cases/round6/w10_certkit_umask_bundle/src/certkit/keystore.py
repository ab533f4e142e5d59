import hashlib
import os
from pathlib import Path

from .pem import armor, dearmor
from .process import harden_process


class KeyStore:
    def __init__(self, root):
        self.root = Path(root)

    @classmethod
    def init(cls, root, strict=True):
        if strict:
            harden_process()
        store = cls(root)
        store.root.mkdir(parents=True, exist_ok=True)
        return store

    def generate(self, name, size=32):
        secret = os.urandom(size)
        path = self.root / f"{name}.key"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(armor("PRIVATE KEY", secret))
        return self.fingerprint(name)

    def load(self, name):
        (kind, payload), = dearmor((self.root / f"{name}.key").read_text())
        return payload

    def fingerprint(self, name):
        return hashlib.sha256(self.load(name)).hexdigest()[:16]

    def names(self):
        return sorted(p.stem for p in self.root.glob("*.key"))
