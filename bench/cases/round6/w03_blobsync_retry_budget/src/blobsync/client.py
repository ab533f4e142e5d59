import hashlib
import socket

from . import settings
from .retry import RetryPolicy, call_with_retry


class StorageError(Exception):
    pass


class Unavailable(StorageError):
    pass


def _is_transient(exc):
    return isinstance(exc, (Unavailable, ConnectionRefusedError, ConnectionResetError))


class StorageClient:
    def __init__(self, address, policy=None):
        self.address = address
        self.policy = policy or RetryPolicy.from_settings()

    def _roundtrip(self, header, payload=b""):
        with socket.create_connection(self.address, timeout=settings.CONNECT_TIMEOUT) as sock:
            sock.settimeout(settings.READ_TIMEOUT)
            sock.sendall(header.encode() + b"\n" + payload)
            reply = sock.makefile("rb").readline().decode().strip()
        status, _, rest = reply.partition(" ")
        if status in settings.RETRY_ON:
            raise Unavailable(reply)
        if status != "OK":
            raise StorageError(reply or "empty reply")
        return rest

    def _call(self, header, payload=b""):
        return call_with_retry(lambda: self._roundtrip(header, payload), self.policy, _is_transient)

    def put(self, key, data):
        digest = hashlib.sha256(data).hexdigest()
        stored = self._call(f"PUT {key} {len(data)}", data)
        if stored != digest:
            raise StorageError(f"checksum mismatch for {key}")
        return digest

    def get_digest(self, key):
        return self._call(f"STAT {key}")

    def delete(self, key):
        self._call(f"DEL {key}")
