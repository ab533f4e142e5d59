import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import hashlib
import random
import socket
import threading
import time

import pytest

from blobsync import StorageClient


class FakeStore:
    """Tiny blob server on 127.0.0.1 that answers LOADING until its index is read."""

    def __init__(self):
        self.blobs = {}
        self.ready_at = 0.0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.address = self._sock.getsockname()
        threading.Thread(target=self._serve, daemon=True).start()

    def restart(self):
        # re-reading the index after a restart takes a moment
        self.ready_at = time.monotonic() + random.uniform(0.04, 0.22)

    def _serve(self):
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with conn:
            f = conn.makefile("rwb")
            parts = f.readline().decode().split()
            if time.monotonic() < self.ready_at:
                f.write(b"LOADING index\n")
            elif parts[0] == "PUT":
                data = f.read(int(parts[2]))
                self.blobs[parts[1]] = data
                f.write(f"OK {hashlib.sha256(data).hexdigest()}\n".encode())
            elif parts[0] == "STAT" and parts[1] in self.blobs:
                f.write(f"OK {hashlib.sha256(self.blobs[parts[1]]).hexdigest()}\n".encode())
            elif parts[0] == "DEL":
                self.blobs.pop(parts[1], None)
                f.write(b"OK\n")
            else:
                f.write(b"MISSING\n")
            f.flush()

    def close(self):
        self._sock.close()


@pytest.fixture
def store():
    s = FakeStore()
    yield s
    s.close()


@pytest.fixture
def client(store):
    return StorageClient(store.address)
