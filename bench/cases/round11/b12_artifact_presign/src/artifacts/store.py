import hashlib
import threading

from .signing import SignatureError


class ObjectStore:
    def __init__(self, signer):
        self.signer = signer
        self.objects = {}
        self._lock = threading.Lock()

    def put(self, url, data, sha256):
        try:
            key = self.signer.verify("PUT", url)
        except SignatureError as exc:
            return 403, str(exc)
        if hashlib.sha256(data).hexdigest() != sha256:
            return 400, "checksum mismatch"
        with self._lock:
            self.objects[key] = data
        return 200, key
