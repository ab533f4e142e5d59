import threading
from dataclasses import dataclass, field


@dataclass
class TransferStats:
    files: int = 0
    parts: int = 0
    acked_bytes: int = 0
    retries: int = 0
    errors: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def file_done(self, parts):
        with self._lock:
            self.files += 1
            self.parts += parts

    def retry(self):
        with self._lock:
            self.retries += 1

    def error(self, name, exc):
        with self._lock:
            self.errors.append((name, repr(exc)))

    def snapshot(self):
        with self._lock:
            return {"files": self.files, "parts": self.parts,
                    "acked_bytes": self.acked_bytes, "retries": self.retries}
