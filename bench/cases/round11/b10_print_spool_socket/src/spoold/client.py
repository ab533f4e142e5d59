import socket
import time

from .protocol import decode, encode
from .server import default_socket_path


class SpoolClient:
    def __init__(self, path=None, timeout=2.0, retries=3):
        self.path = path or default_socket_path()
        self.timeout = timeout
        self.retries = retries

    def _call(self, **message):
        for attempt in range(self.retries):
            try:
                return self._roundtrip(message)
            except (FileNotFoundError, ConnectionRefusedError, ConnectionResetError):
                if attempt == self.retries - 1:
                    raise
                time.sleep(0.02)  # daemon restarting

    def _roundtrip(self, message):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(self.timeout)
            sock.connect(self.path)
            sock.sendall(encode(message))
            with sock.makefile("rb") as fh:
                return decode(fh.readline())

    def submit(self, name, pages):
        return self._call(op="submit", name=name, pages=pages)["job"]

    def status(self):
        return self._call(op="status")

    def pause(self):
        return self._call(op="pause")["state"]

    def resume(self):
        return self._call(op="resume")["state"]
